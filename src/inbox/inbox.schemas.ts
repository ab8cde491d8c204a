import { z } from "@hono/zod-openapi";
import { contextPayload } from "../contexts/context.schemas";
import { severities } from "../workflows/workflow.types";

const redirect = z.object({
  url: z.string(),
  target: z.enum(["_self", "_blank", "_parent", "_top", "_unfencedTop"]).optional(),
});
const action = z.object({ label: z.string(), isCompleted: z.boolean(), redirect: redirect.optional() });
/** A workflow as the Inbox shows it, on notifications and on preferences. */
export const inboxWorkflow = z.object({
  id: z.string(),
  identifier: z.string(),
  name: z.string(),
  critical: z.boolean(),
  tags: z.array(z.string()),
  severity: z.enum(severities),
});

/** The notification the Inbox API returns (`InboxNotification` in @novu/js). */
export const inboxNotification = z
  .object({
    id: z.string(),
    transactionId: z.string(),
    subject: z.string().optional(),
    body: z.string(),
    to: z.object({
      id: z.string(),
      subscriberId: z.string(),
      firstName: z.string().optional(),
      lastName: z.string().optional(),
      avatar: z.string().optional(),
    }),
    isRead: z.boolean(),
    isSeen: z.boolean(),
    isArchived: z.boolean(),
    isSnoozed: z.boolean(),
    snoozedUntil: z.string().nullable(),
    deliveredAt: z.array(z.string()),
    createdAt: z.string(),
    updatedAt: z.string(),
    readAt: z.string().nullable(),
    firstSeenAt: z.string().nullable(),
    archivedAt: z.string().nullable(),
    avatar: z.string().optional(),
    primaryAction: action.optional(),
    secondaryAction: action.optional(),
    channelType: z.literal("in_app"),
    tags: z.array(z.string()),
    data: z.record(z.string(), z.unknown()).optional(),
    redirect: redirect.optional(),
    workflow: inboxWorkflow,
    severity: z.enum(severities),
  })
  .openapi("InboxNotification");

const booleanParam = z
  .enum(["true", "false"])
  .transform((v) => v === "true")
  .optional();
const jsonObject = z
  .string()
  .transform((text, ctx) => {
    try {
      const value: unknown = JSON.parse(text);
      const parsed = z.record(z.string(), z.unknown()).safeParse(value);
      if (parsed.success) return parsed.data;
    } catch {}
    ctx.addIssue({ code: "custom", message: "must be a JSON object" });
    return z.NEVER;
  })
  .optional();
const stringList = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : [v]))
  .optional();

export const inboxFilter = z.object({
  tags: z.array(z.string()).optional(),
  read: z.boolean().optional(),
  archived: z.boolean().optional(),
  snoozed: z.boolean().optional(),
  seen: z.boolean().optional(),
  data: z.record(z.string(), z.unknown()).optional(),
  severity: z.array(z.enum(severities)).optional(),
});

export const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(10),
  offset: z.coerce.number().int().min(0).default(0),
  after: z.string().optional(),
  "tags[]": stringList,
  read: booleanParam,
  archived: booleanParam,
  snoozed: booleanParam,
  seen: booleanParam,
  data: jsonObject,
  "severity[]": stringList.pipe(z.array(z.enum(severities)).optional()),
  severity: z.enum(severities).optional(),
});

/** @novu/js's Inbox UI counts per severity with one severity as a string; other callers send an array. */
const countFilter = inboxFilter.extend({
  severity: z
    .union([z.enum(severities), z.array(z.enum(severities))])
    .optional()
    .transform((severity) => (typeof severity === "string" ? [severity] : severity)),
});

export const countQuery = z.object({
  filters: z.string().transform((text, ctx) => {
    try {
      const parsed = z.array(countFilter).max(20).safeParse(JSON.parse(text));
      if (parsed.success) return parsed.data;
      ctx.addIssue({ code: "custom", message: parsed.error.issues[0]?.message ?? "invalid filters" });
    } catch {
      ctx.addIssue({ code: "custom", message: "filters must be a JSON array" });
    }
    return z.NEVER;
  }),
});

export const sessionBody = z
  .object({
    applicationIdentifier: z.string().min(1),
    subscriberHash: z.string().optional(),
    /** The Inbox's context: the session then sees only notifications triggered with exactly this context. */
    context: contextPayload.optional(),
    /** HMAC of `context`, required with it when the in-app integration has HMAC on. */
    contextHash: z.string().optional(),
    subscriberId: z.string().min(1).max(255).optional(),
    subscriber: z
      .object({
        subscriberId: z.string().max(255),
        firstName: z.string().nullish(),
        lastName: z.string().nullish(),
        email: z.string().nullish(),
        phone: z.string().nullish(),
        avatar: z.string().nullish(),
        locale: z.string().nullish(),
        timezone: z.string().nullish(),
        data: z.record(z.string(), z.unknown()).nullish(),
      })
      .optional(),
  })
  .openapi("InboxSessionRequest");
export type SessionInput = z.infer<typeof sessionBody>;

/** Unread notifications, in total and per severity: the session's `unreadCount` and the socket's `counts`. */
export const unreadCount = z.object({ total: z.number(), severity: z.record(z.string(), z.number()) });

export const sessionResponse = z.object({
  token: z.string(),
  totalUnreadCount: z.number(),
  // @novu/js's Inbox UI reads `unreadCount.severity` right after the session opens.
  unreadCount,
  removeNovuBranding: z.boolean(),
  isDevelopmentMode: z.boolean(),
  maxSnoozeDurationHours: z.number(),
  /** The session's context as `type:id` keys, as @novu/js reads them. */
  contextKeys: z.array(z.string()),
});

export const notificationIdParam = z.object({
  id: z
    .string()
    .min(1)
    .openapi({ param: { name: "id", in: "path" } }),
});

export const bulkBody = z.object({ tags: z.array(z.string()).optional(), data: jsonObject });
export const seenBody = bulkBody.extend({ notificationIds: z.array(z.string()).max(100).optional() });
export const snoozeBody = z.object({ snoozeUntil: z.iso.datetime({ offset: true }) });
export const actionTypeBody = z.object({ actionType: z.enum(["primary", "secondary"]) });
