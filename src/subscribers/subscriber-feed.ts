import { z } from "@hono/zod-openapi";
import type { SocketMessage } from "../../durable-objects/subscriber/inbox.mapper";
import type { Tenant } from "../app-env";

/** Novu's v1 in-app message (`NotificationFeedItemDto` / `MessageResponseDto`), as the SDK validates it. */
export const feedItem = z
  .object({
    _id: z.string(),
    _templateId: z.string(),
    _environmentId: z.string(),
    _organizationId: z.string(),
    _notificationId: z.string(),
    _subscriberId: z.string(),
    _jobId: z.string(),
    createdAt: z.string(),
    transactionId: z.string(),
    templateIdentifier: z.string(),
    content: z.string(),
    subject: z.string().optional(),
    channel: z.literal("in_app"),
    read: z.boolean(),
    seen: z.boolean(),
    archived: z.boolean(),
    cta: z.record(z.string(), z.unknown()),
    status: z.literal("sent"),
    data: z.record(z.string(), z.unknown()).optional(),
    tags: z.array(z.string()),
  })
  .openapi("NotificationFeedItemDto");
export type FeedItem = z.infer<typeof feedItem>;

export function toFeedItem(message: SocketMessage, tenant: Tenant): FeedItem {
  return {
    _id: message._id,
    _templateId: message.workflow.id,
    _environmentId: tenant.id,
    _organizationId: tenant.organizationId,
    _notificationId: message.transactionId,
    _subscriberId: message.subscriber._id,
    _jobId: message._id,
    createdAt: message.createdAt,
    transactionId: message.transactionId,
    templateIdentifier: message.workflow.identifier,
    content: message.content,
    subject: message.subject,
    channel: "in_app",
    read: message.read,
    seen: message.seen,
    archived: message.archived,
    cta: message.cta,
    status: "sent",
    data: message.data,
    tags: message.tags,
  };
}

const flag = z
  .enum(["true", "false"])
  .transform((v) => v === "true")
  .optional();

export const feedQuery = z.object({
  page: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(100).default(10),
  read: flag,
  seen: flag,
});

export const unseenQuery = z.object({
  seen: flag,
  limit: z.coerce.number().int().min(1).max(100).default(100),
});

export const markAsBody = z
  .object({
    messageId: z.union([z.string().min(1), z.array(z.string().min(1)).min(1).max(100)]),
    markAs: z.enum(["read", "seen", "unread", "unseen"]),
  })
  .openapi("MessageMarkAsRequestDto");

export const markAllBody = z
  .object({
    markAs: z.enum(["read", "seen", "unread", "unseen"]),
    feedIdentifier: z.union([z.string(), z.array(z.string())]).optional(),
  })
  .openapi("MarkAllMessageAsRequestDto");

export const actionBody = z
  .object({ status: z.enum(["pending", "done"]), payload: z.record(z.string(), z.unknown()).optional() })
  .openapi("MarkMessageActionAsSeenDto");
