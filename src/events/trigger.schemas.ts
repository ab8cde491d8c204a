import { z } from "@hono/zod-openapi";
import { subscriberFields } from "../subscribers/subscriber.schemas";

export const subscriberPayload = z
  .object({
    subscriberId: z.string().trim().min(1, "subscriberId must not be empty").max(255),
    ...subscriberFields,
  })
  .openapi("SubscriberPayloadDto");
export type SubscriberPayload = z.infer<typeof subscriberPayload>;

const recipient = z.union([
  z.string().trim().min(1, "subscriberId must not be empty").max(255),
  subscriberPayload,
]);
export type Recipient = z.infer<typeof recipient>;

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
              .object({ providers: z.record(z.string(), z.record(z.string(), z.unknown())).optional() })
              .loose(),
          )
          .optional(),
      })
      .loose()
      .optional(),
    transactionId: z.string().trim().min(1).max(255).optional(),
    actor: recipient.optional(),
    tenant: z.union([z.string(), z.record(z.string(), z.unknown())]).optional(),
    context: z.record(z.string(), z.unknown()).optional(),
  })
  .openapi("TriggerEventRequestDto");
export type TriggerInput = z.infer<typeof triggerBody>;

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
