import { z } from "@hono/zod-openapi";
import { contextPayload } from "../contexts/context.schemas";
import { subscriberFields } from "../subscribers/subscriber.schemas";

export const subscriberPayload = z
  .object({
    subscriberId: z.string().trim().min(1, "subscriberId must not be empty").max(255),
    ...subscriberFields,
  })
  .openapi("SubscriberPayloadDto");
export type SubscriberPayload = z.infer<typeof subscriberPayload>;

const subscriberRecipient = z.union([
  z.string().trim().min(1, "subscriberId must not be empty").max(255),
  subscriberPayload,
]);
export type Recipient = z.infer<typeof subscriberRecipient>;

export const topicRecipient = z
  .object({
    type: z.literal("Topic"),
    topicKey: z.string().min(1).max(100),
    exclude: z.array(z.string()).max(1000).optional(),
  })
  .openapi("TopicPayloadDto");
export type TopicRecipient = z.infer<typeof topicRecipient>;

const recipient = z.union([topicRecipient, subscriberRecipient]);

/** An email step's layout for one trigger: a layoutId, or `null` for none. */
const layoutOverride = z.string().min(1).max(255).nullable().optional();

export const maxRecipients = 100;

export const triggerBody = z
  .object({
    name: z.string().trim().min(1).max(255).openapi({ description: "The workflow identifier" }),
    to: z.union([recipient, z.array(recipient).min(1).max(maxRecipients)]),
    payload: z.record(z.string(), z.unknown()).default({}),
    overrides: z
      .object({
        providers: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
        steps: z
          .record(
            z.string(),
            z
              .object({
                providers: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
                layoutId: layoutOverride,
              })
              .loose(),
          )
          .optional(),
        channels: z
          .object({ email: z.object({ layoutId: layoutOverride }).loose().optional() })
          .loose()
          .optional(),
      })
      .loose()
      .optional(),
    transactionId: z.string().trim().min(1).max(255).optional(),
    actor: subscriberRecipient.optional(),
    tenant: z.union([z.string(), z.record(z.string(), z.unknown())]).optional(),
    context: contextPayload.optional(),
  })
  .openapi("TriggerEventRequestDto");
export type TriggerInput = z.infer<typeof triggerBody>;

export const broadcastBody = triggerBody
  .omit({ to: true })
  .extend({ payload: z.record(z.string(), z.unknown()) })
  .openapi("TriggerEventToAllRequestDto");
export type BroadcastInput = z.infer<typeof broadcastBody>;

export const triggerResponse = z
  .object({
    acknowledged: z.boolean(),
    status: z.enum([
      "error",
      "trigger_not_active",
      "no_workflow_active_steps_defined",
      "no_workflow_steps_defined",
      "processed",
      "no_tenant_found",
      "invalid_recipients",
    ]),
    error: z.array(z.string()).optional(),
    transactionId: z.string().optional(),
  })
  .openapi("TriggerEventResponseDto");
export type TriggerResult = z.infer<typeof triggerResponse>;
