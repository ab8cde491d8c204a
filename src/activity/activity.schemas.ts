import { z } from "@hono/zod-openapi";

/** Repeated query keys arrive as arrays, single ones as strings; Novu's clients send both forms (`a=1&a=2`). */
const list = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : v.split(",")))
  .optional();

export const listActivityQuery = z.object({
  page: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(50).default(10),
  channels: list,
  templates: list,
  emails: list,
  subscriberIds: list,
  transactionId: z.string().optional(),
  topicKey: z.string().optional(),
  /** `type:id` keys: notifications whose trigger named any of these contexts. */
  contextKeys: list,
  after: z.iso.datetime({ offset: true }).optional(),
  before: z.iso.datetime({ offset: true }).optional(),
});
export type ListActivityQuery = z.infer<typeof listActivityQuery>;

const executionDetail = z.object({
  _id: z.string(),
  createdAt: z.string(),
  status: z.enum(["Success", "Warning", "Failed", "Pending", "Queued", "ReadConfirmation"]),
  detail: z.string(),
  isRetry: z.boolean(),
  isTest: z.boolean(),
  providerId: z.string().optional(),
  source: z.enum(["Credentials", "Internal", "Payload", "Webhook"]),
});

const job = z.object({
  _id: z.string(),
  type: z.string(),
  status: z.string(),
  providerId: z.string(),
  executionDetails: z.array(executionDetail),
  step: z.object({
    _id: z.string(),
    active: z.boolean(),
    filters: z.array(z.unknown()),
    _templateId: z.string(),
    name: z.string().optional(),
  }),
  updatedAt: z.string(),
});

export const activityResponse = z
  .object({
    _id: z.string(),
    _environmentId: z.string(),
    _organizationId: z.string(),
    _subscriberId: z.string(),
    _templateId: z.string(),
    transactionId: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    channels: z.array(z.string()),
    subscriber: z
      .object({
        _id: z.string(),
        subscriberId: z.string(),
        firstName: z.string().optional(),
        lastName: z.string().optional(),
        email: z.string().optional(),
        phone: z.string().optional(),
      })
      .optional(),
    template: z.object({
      _id: z.string(),
      name: z.string(),
      triggers: z.array(
        z.object({
          type: z.literal("event"),
          identifier: z.string(),
          variables: z.array(z.object({ name: z.string() })),
        }),
      ),
    }),
    jobs: z.array(job),
    payload: z.record(z.string(), z.unknown()),
    topics: z.array(z.object({ topicKey: z.string() })),
    contextKeys: z.array(z.string()),
    /** The trigger's tenant, which Novu keeps with the notification's jobs. */
    tenant: z
      .object({
        identifier: z.string().optional(),
        name: z.string().optional(),
        data: z.record(z.string(), z.unknown()).optional(),
      })
      .optional(),
  })
  .openapi("ActivityNotificationResponseDto");
export type ActivityDto = z.infer<typeof activityResponse>;
export type ActivityJobDto = ActivityDto["jobs"][number];
