import { and, eq } from "drizzle-orm";
import type { Tenant } from "../app-env";
import type { Database } from "../db/client";
import { type MessageRow, messages } from "../db/schema";
import { HttpError } from "../http/http-error";
import { inboxOf } from "../inbox/inbox-stub";
import { readSlots, removeInApp, removeInAppTransaction } from "./in-app-inboxes";
import { inJson } from "./in-app-index";
import { inAppToDto, sendToDto } from "./message.mapper";
import type { ListMessagesQuery, MessageDto } from "./message.schemas";
import { indexPage } from "./message-index";

/** One subscriber's in-app messages come straight from its Durable Object, which orders and counts them exactly. */
async function listInbox(env: Env, tenant: Tenant, subscriberId: string, query: ListMessagesQuery) {
  const page = await inboxOf(env, tenant.id, subscriberId).adminList(
    { transactionIds: query.transactionId },
    { limit: query.limit, offset: query.page * query.limit },
  );
  return {
    data: page.data.map((message) => inAppToDto(message, tenant)),
    hasMore: page.hasMore,
    totalCount: page.totalCount,
  };
}

/** Any other query pages over the sends and the in-app index in D1, then reads the page's in-app messages. */
async function listIndexed(env: Env, db: Database, tenant: Tenant, query: ListMessagesQuery) {
  const { entries, total } = await indexPage(db, tenant, query);
  const shown = entries.slice(0, query.limit);
  const sendIds = shown.filter((entry) => entry.kind === "send").map((entry) => entry.ref);
  const [sends, inApp] = await Promise.all([
    sendIds.length === 0
      ? []
      : db
          .select()
          .from(messages)
          .where(and(eq(messages.environmentId, tenant.id), inJson(messages.id, sendIds))),
    readSlots(
      env,
      tenant,
      shown.filter((entry) => entry.kind === "in_app"),
    ),
  ]);
  const sendById = new Map(sends.map((row) => [row.id, row]));
  const data = shown.flatMap((entry): MessageDto[] => {
    if (entry.kind === "send") {
      const row = sendById.get(entry.ref);
      return row ? [sendToDto(row, tenant)] : [];
    }
    const message = inApp(entry);
    return message ? [inAppToDto(message, tenant, entry.ref)] : [];
  });
  return { data, hasMore: entries.length > query.limit, totalCount: total };
}

/** `GET /v1/messages`: every channel, newest first, in Novu's page style. */
export async function listMessages(env: Env, db: Database, tenant: Tenant, query: ListMessagesQuery) {
  const page =
    query.channel === "in_app" && query.subscriberId
      ? await listInbox(env, tenant, query.subscriberId, query)
      : await listIndexed(env, db, tenant, query);
  return { ...page, page: query.page, pageSize: query.limit };
}

/** Deletes a send (D1) or an in-app message (its subscriber's inbox); 404 when neither has it. */
export async function deleteMessage(
  env: Env,
  db: Database,
  tenant: Tenant,
  messageId: string,
): Promise<void> {
  const removed = await db
    .delete(messages)
    .where(and(eq(messages.environmentId, tenant.id), eq(messages.id, messageId)))
    .returning({ id: messages.id });
  if (removed.length > 0 || (await removeInApp(env, db, tenant, messageId))) return;
  throw HttpError.notFound(`Message '${messageId}' was not found`);
}

/** Deletes every message of a trigger, in D1 and in each recipient's inbox; 404 when the trigger left none. */
export async function deleteTransactionMessages(
  env: Env,
  db: Database,
  tenant: Tenant,
  transactionId: string,
  channel: MessageRow["channel"] | "in_app" | undefined,
): Promise<void> {
  const [removed, removedInApp] = await Promise.all([
    channel === "in_app"
      ? []
      : db
          .delete(messages)
          .where(
            and(
              eq(messages.environmentId, tenant.id),
              eq(messages.transactionId, transactionId),
              channel ? eq(messages.channel, channel) : undefined,
            ),
          )
          .returning({ id: messages.id }),
    !channel || channel === "in_app" ? removeInAppTransaction(env, db, tenant, transactionId) : 0,
  ]);
  if (removed.length + removedInApp === 0) {
    throw HttpError.notFound(`No messages were found for transactionId '${transactionId}'`);
  }
}
