import { and, eq, type SQL, sql } from "drizzle-orm";
import type { Tenant } from "../app-env";
import type { Database } from "../db/client";
import { type MessageRow, messages } from "../db/schema";
import { inJson, type SlotFilter, slotCount, slotRows } from "./in-app-index";
import type { ListMessagesQuery } from "./message.schemas";

/** One message of a page: a send (its row id) or an in-app slot (its activity row and where the message lives). */
export type IndexEntry = {
  kind: "send" | "in_app";
  ref: string;
  subscriberId: string;
  transactionId: string;
  stepId: string;
};

type SendFilter = SlotFilter & { channel?: MessageRow["channel"] };

function sendWhere(tenant: Tenant, filter: SendFilter): SQL | undefined {
  return and(
    eq(messages.environmentId, tenant.id),
    filter.channel ? eq(messages.channel, filter.channel) : undefined,
    filter.subscriberId ? eq(messages.subscriberId, filter.subscriberId) : undefined,
    filter.transactionIds?.length ? inJson(messages.transactionId, filter.transactionIds) : undefined,
  );
}

function sendArm(tenant: Tenant, filter: SendFilter) {
  const where = sendWhere(tenant, filter);
  return {
    rows: sql`select 'send' as kind, ${messages.id} as ref, ${messages.subscriberId} as subscriberId,
      ${messages.transactionId} as transactionId, ${messages.stepId} as stepId, ${messages.createdAt} as at,
      ${messages.id} as tie from ${messages} where ${where}`,
    count: sql`select count(*) from ${messages} where ${where}`,
  };
}

/**
 * A page of `GET /v1/messages` chosen in D1 alone: the sends and the in-app slots (in-app-index.ts) of the query,
 * merged newest first, with one more entry than the page holds to tell whether more follow, and their total.
 */
export async function indexPage(db: Database, tenant: Tenant, query: ListMessagesQuery) {
  const { channel } = query;
  const filter: SlotFilter = { subscriberId: query.subscriberId, transactionIds: query.transactionId };
  const arms: { rows: SQL; count: SQL }[] = [];
  if (channel !== "in_app") arms.push(sendArm(tenant, { ...filter, channel }));
  if (!channel || channel === "in_app")
    arms.push({ rows: slotRows(tenant, filter), count: slotCount(tenant, filter) });
  const [entries, counted] = await Promise.all([
    db.all<IndexEntry>(
      sql`${sql.join(
        arms.map((arm) => arm.rows),
        sql` union all `,
      )} order by at desc, tie desc limit ${query.limit + 1} offset ${query.page * query.limit}`,
    ),
    db.get<{ total: number }>(
      sql`select ${sql.join(
        arms.map((arm) => sql`(${arm.count})`),
        sql` + `,
      )} as total`,
    ),
  ]);
  return { entries, total: counted?.total ?? 0 };
}
