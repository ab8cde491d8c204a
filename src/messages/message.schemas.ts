import { z } from "@hono/zod-openapi";

export const listMessagesQuery = z.object({
  channel: z.enum(["in_app", "email", "sms", "chat", "push"]).optional(),
  subscriberId: z.string().optional(),
  transactionId: z
    .union([z.string(), z.array(z.string())])
    .transform((v) => (Array.isArray(v) ? v : [v]))
    .optional(),
  page: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(100).default(10),
});
export type ListMessagesQuery = z.infer<typeof listMessagesQuery>;

export const messageResponse = z
  .object({
    _id: z.string(),
    _environmentId: z.string(),
    _organizationId: z.string(),
    _notificationId: z.string(),
    _subscriberId: z.string(),
    templateIdentifier: z.string().optional(),
    createdAt: z.string(),
    transactionId: z.string(),
    subject: z.string().optional(),
    content: z.string().nullable(),
    channel: z.enum(["in_app", "email", "sms", "chat", "push"]),
    read: z.boolean(),
    seen: z.boolean(),
    providerId: z.string().optional(),
    cta: z.record(z.string(), z.unknown()),
    status: z.enum(["sent", "error", "warning"]),
    errorText: z.string().optional(),
  })
  .openapi("MessageResponseDto");
export type MessageDto = z.infer<typeof messageResponse>;
