import { and, asc, between, eq, gte, lt, type SQL, sql } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { transactionRecipients } from "../activity/activity.service";
import type { Tenant } from "../app-env";
import type { Database } from "../db/client";
import { notificationEvents } from "../db/schema";

/*
 * In-app messages live in their subscriber's Durable Object and nowhere in D1, so a trigger writes no D1 row per
 * recipient for them. The activity rows (one per trigger and subscriber, written in one batch per trigger) are their
 * index: each in_app job that completed stands for one message, which the subscriber's object finds by
 * (transactionId, stepId). A page is chosen in D1 among these "slots" and the sends, then only that page is read from
 * the objects, one call per subscriber on it. A message deleted since (Inbox, API) leaves its slot behind: pages skip
 * it, and `totalCount`, counted over slots, can run ahead of what is left.
 */

export type SlotFilter = { subscriberId?: string; transactionIds?: string[] };

/** `column in (…)` with the list bound as one JSON value: D1 binds at most 100 parameters per statement. */
export function inJson(column: SQLiteColumn, values: string[]): SQL {
  return sql`${column} in (select value from json_each(${JSON.stringify(values)}))`;
}

const hasInApp = sql`exists (select 1 from json_each(${notificationEvents.channels}) where value = 'in_app')`;
const slotsFrom = sql`${notificationEvents}, json_each(${notificationEvents.jobs}) as job`;

/**
 * When the slot's message was created: at the trigger (the row is written just after the run), or, when a delay or
 * digest came before it, when the run resumed, which the row's `updatedAt` records.
 */
const slotTime = sql`case when exists (select 1 from json_each(${notificationEvents.jobs}) as earlier
  where earlier.key < job.key and json_extract(earlier.value, '$.type') in ('delay', 'digest'))
  then ${notificationEvents.updatedAt} else ${notificationEvents.createdAt} end`;

function slotWhere(tenant: Tenant, filter: SlotFilter): SQL | undefined {
  return and(
    eq(notificationEvents.environmentId, tenant.id),
    filter.subscriberId ? eq(notificationEvents.subscriberId, filter.subscriberId) : undefined,
    filter.transactionIds?.length
      ? inJson(notificationEvents.transactionId, filter.transactionIds)
      : undefined,
    sql`json_extract(job.value, '$.type') = 'in_app' and json_extract(job.value, '$.status') = 'completed'`,
  );
}

/** The slots as rows of the message index (see message-index.ts), newest first by `at`, then `tie`. */
export function slotRows(tenant: Tenant, filter: SlotFilter): SQL {
  return sql`select 'in_app' as kind, ${notificationEvents.id} as ref, ${notificationEvents.subscriberId} as subscriberId,
    ${notificationEvents.transactionId} as transactionId, json_extract(job.value, '$.stepId') as stepId,
    ${slotTime} as at, ${notificationEvents.id} || printf('-%03d', job.key) as tie
    from ${slotsFrom} where ${slotWhere(tenant, filter)}`;
}

export function slotCount(tenant: Tenant, filter: SlotFilter): SQL {
  return sql`select count(*) from ${slotsFrom} where ${slotWhere(tenant, filter)}`;
}

/** How long after its in-app message a trigger's activity row may be written (every recipient's run comes first). */
const recordLag = 2 * 60_000;
/** Clock difference allowed between the Worker that records activity and the object that stored the message. */
const clockSkew = 60_000;
const maxCandidates = 200;

/**
 * The subscribers that may own the in-app message created at `createdAt` (an ObjectId's seconds), likeliest first:
 * those whose activity row was written just after it, then those whose run was waiting then and moved on since
 * (a delay or digest before the in-app step). Each list is bounded; the second is read only if the first missed.
 */
export async function* possibleOwners(db: Database, tenant: Tenant, createdAt: number) {
  const from = createdAt - clockSkew;
  const scoped = and(eq(notificationEvents.environmentId, tenant.id), hasInApp);
  const near = await db
    .select({ subscriberId: notificationEvents.subscriberId })
    .from(notificationEvents)
    .where(and(scoped, between(notificationEvents.createdAt, from, createdAt + 999 + recordLag)))
    .groupBy(notificationEvents.subscriberId)
    .orderBy(sql`min(abs(${notificationEvents.createdAt} - ${createdAt}))`)
    .limit(maxCandidates);
  yield near.map((row) => row.subscriberId);
  const waiting = await db
    .select({ subscriberId: notificationEvents.subscriberId })
    .from(notificationEvents)
    .where(and(scoped, lt(notificationEvents.createdAt, from), gte(notificationEvents.updatedAt, from)))
    .groupBy(notificationEvents.subscriberId)
    .orderBy(asc(sql`min(${notificationEvents.updatedAt})`))
    .limit(maxCandidates);
  yield waiting.map((row) => row.subscriberId);
}

/** The recipients of a trigger whose workflow has an in-app step: where its in-app messages can be. */
export function inAppRecipients(db: Database, tenant: Tenant, transactionId: string): Promise<string[]> {
  return transactionRecipients(db, tenant, transactionId, hasInApp);
}
