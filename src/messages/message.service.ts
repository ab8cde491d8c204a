import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { transactionRecipients } from "../activity/activity.service";
import type { Tenant } from "../app-env";
import type { Database } from "../db/client";
import { type MessageRow, messages } from "../db/schema";
import { HttpError } from "../http/http-error";
import { inboxOf } from "../inbox/inbox-stub";
import { toIso } from "../lib/time";
import type { ListMessagesQuery, MessageDto } from "./message.schemas";

/** Delivery states as Novu's `MessageStatusEnum` names them: a send still retrying is a warning. */
const statusOf = { sent: "sent", error: "error", queued: "warning" } as const;

function toMessageDto(row: MessageRow, tenant: Tenant): MessageDto {
  return {
    _id: row.id,
    _environmentId: row.environmentId,
    _organizationId: tenant.organizationId,
    _notificationId: row.transactionId,
    _subscriberId: row.subscriberId,
    templateIdentifier: row.workflowId,
    createdAt: toIso(row.createdAt),
    transactionId: row.transactionId,
    subject: row.subject ?? undefined,
    content: row.content,
    channel: row.channel,
    read: false,
    seen: false,
    providerId: row.providerId ?? undefined,
    cta: {},
    status: statusOf[row.status],
    errorText: row.errorText ?? undefined,
  };
}

/**
 * `GET /v1/messages`: external sends come from D1. In-app messages live in each subscriber's Durable Object, so
 * they are listed when the query names the subscriber (there is no cross-subscriber inbox index).
 */
export async function listMessages(env: Env, db: Database, tenant: Tenant, query: ListMessagesQuery) {
  if (query.channel === "in_app") {
    if (!query.subscriberId) {
      throw HttpError.badRequest(
        "Listing in_app messages needs a subscriberId: in-app messages are kept per subscriber",
      );
    }
    const page = await inboxOf(env, tenant.id, query.subscriberId).adminList(
      { transactionIds: query.transactionId },
      { limit: query.limit, offset: query.page * query.limit },
    );
    return {
      data: page.data.map(
        (message): MessageDto => ({
          _id: message._id,
          _environmentId: tenant.id,
          _organizationId: tenant.organizationId,
          _notificationId: message.transactionId,
          _subscriberId: message.subscriber._id,
          templateIdentifier: message.workflow.identifier,
          createdAt: message.createdAt,
          transactionId: message.transactionId,
          subject: message.subject,
          content: message.content,
          channel: "in_app",
          read: message.read,
          seen: message.seen,
          providerId: "novu",
          cta: message.cta,
          status: "sent",
        }),
      ),
      hasMore: page.hasMore,
      page: query.page,
      pageSize: query.limit,
      totalCount: page.totalCount,
    };
  }
  const where = and(
    eq(messages.environmentId, tenant.id),
    query.channel ? eq(messages.channel, query.channel) : undefined,
    query.subscriberId ? eq(messages.subscriberId, query.subscriberId) : undefined,
    query.transactionId?.length ? inArray(messages.transactionId, query.transactionId) : undefined,
  );
  const [rows, [count]] = await Promise.all([
    db
      .select()
      .from(messages)
      .where(where)
      .orderBy(desc(messages.createdAt), desc(messages.id))
      .limit(query.limit + 1)
      .offset(query.page * query.limit),
    db.select({ total: sql<number>`count(*)` }).from(messages).where(where),
  ]);
  return {
    data: rows.slice(0, query.limit).map((row) => toMessageDto(row, tenant)),
    hasMore: rows.length > query.limit,
    page: query.page,
    pageSize: query.limit,
    totalCount: count?.total ?? 0,
  };
}

export async function deleteMessage(db: Database, tenant: Tenant, messageId: string): Promise<void> {
  const removed = await db
    .delete(messages)
    .where(and(eq(messages.environmentId, tenant.id), eq(messages.id, messageId)))
    .returning({ id: messages.id });
  if (removed.length === 0) throw HttpError.notFound(`Message '${messageId}' was not found`);
}

/** Deletes every message of a trigger, in D1 and in each recipient's inbox; 404 when the trigger left none. */
export async function deleteTransactionMessages(
  env: Env,
  db: Database,
  tenant: Tenant,
  transactionId: string,
  channel: MessageRow["channel"] | "in_app" | undefined,
): Promise<void> {
  const removed =
    channel === "in_app"
      ? []
      : await db
          .delete(messages)
          .where(
            and(
              eq(messages.environmentId, tenant.id),
              eq(messages.transactionId, transactionId),
              channel ? eq(messages.channel, channel) : undefined,
            ),
          )
          .returning({ id: messages.id });
  let removedInApp = 0;
  if (!channel || channel === "in_app") {
    const recipients = await transactionRecipients(db, tenant, transactionId);
    const counts = await Promise.all(
      recipients.map((id) => inboxOf(env, tenant.id, id).removeTransaction(transactionId)),
    );
    removedInApp = counts.reduce((sum, n) => sum + n, 0);
  }
  if (removed.length + removedInApp === 0) {
    throw HttpError.notFound(`No messages were found for transactionId '${transactionId}'`);
  }
}
