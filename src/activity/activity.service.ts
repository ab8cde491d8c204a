import { and, desc, eq, gte, inArray, lte, or, type SQL, sql } from "drizzle-orm";
import type { Tenant } from "../app-env";
import type { Database } from "../db/client";
import { chunks, maxBoundParameters } from "../db/limits";
import { messages, notificationEvents, subscribers } from "../db/schema";
import { HttpError } from "../http/http-error";
import { toActivityDto } from "./activity.mapper";
import type { ListActivityQuery } from "./activity.schemas";

async function hydrate(db: Database, tenant: Tenant, events: (typeof notificationEvents.$inferSelect)[]) {
  if (events.length === 0) return [];
  const subscriberIds = [...new Set(events.map((e) => e.subscriberRowId))];
  const transactions = [...new Set(events.map((e) => e.transactionId))];
  const [subscriberRows, messageRows] = await Promise.all([
    Promise.all(
      chunks(subscriberIds, maxBoundParameters).map((part) =>
        db.select().from(subscribers).where(inArray(subscribers.id, part)),
      ),
    ),
    Promise.all(
      chunks(transactions, maxBoundParameters - 1).map((part) =>
        db
          .select()
          .from(messages)
          .where(and(eq(messages.environmentId, tenant.id), inArray(messages.transactionId, part))),
      ),
    ),
  ]);
  const byId = new Map(subscriberRows.flat().map((s) => [s.id, s]));
  const sends = messageRows.flat();
  return events.map((event) =>
    toActivityDto(
      event,
      byId.get(event.subscriberRowId),
      sends.filter((m) => m.transactionId === event.transactionId && m.subscriberId === event.subscriberId),
    ),
  );
}

/** `GET /v1/notifications`: the environment's activity, newest first, in Novu's page style. */
export async function listActivity(db: Database, tenant: Tenant, query: ListActivityQuery) {
  const filters: (SQL | undefined)[] = [eq(notificationEvents.environmentId, tenant.id)];
  if (query.transactionId) filters.push(eq(notificationEvents.transactionId, query.transactionId));
  if (query.subscriberIds?.length)
    filters.push(inArray(notificationEvents.subscriberId, query.subscriberIds));
  if (query.templates?.length) {
    filters.push(
      or(
        inArray(notificationEvents.workflowRowId, query.templates),
        inArray(notificationEvents.workflowId, query.templates),
      ),
    );
  }
  if (query.channels?.length) {
    const wanted = sql.join(
      query.channels.map((c) => sql`${c}`),
      sql`, `,
    );
    filters.push(
      sql`exists (select 1 from json_each(${notificationEvents.channels}) where value in (${wanted}))`,
    );
  }
  if (query.topicKey) {
    filters.push(
      sql`exists (select 1 from json_each(${notificationEvents.topicKeys}) where value = ${query.topicKey})`,
    );
  }
  if (query.contextKeys?.length) {
    const wanted = sql.join(
      query.contextKeys.map((k) => sql`${k}`),
      sql`, `,
    );
    filters.push(
      sql`exists (select 1 from json_each(${notificationEvents.contextKeys}) where value in (${wanted}))`,
    );
  }
  if (query.emails?.length) {
    const matching = db
      .select({ id: subscribers.id })
      .from(subscribers)
      .where(and(eq(subscribers.environmentId, tenant.id), inArray(subscribers.email, query.emails)));
    filters.push(inArray(notificationEvents.subscriberRowId, matching));
  }
  if (query.after) filters.push(gte(notificationEvents.createdAt, Date.parse(query.after)));
  if (query.before) filters.push(lte(notificationEvents.createdAt, Date.parse(query.before)));

  const rows = await db
    .select()
    .from(notificationEvents)
    .where(and(...filters))
    .orderBy(desc(notificationEvents.createdAt), desc(notificationEvents.id))
    .limit(query.limit + 1)
    .offset(query.page * query.limit);
  return {
    data: await hydrate(db, tenant, rows.slice(0, query.limit)),
    hasMore: rows.length > query.limit,
    page: query.page,
    pageSize: query.limit,
  };
}

export async function getActivity(db: Database, tenant: Tenant, id: string) {
  const [row] = await db
    .select()
    .from(notificationEvents)
    .where(and(eq(notificationEvents.environmentId, tenant.id), eq(notificationEvents.id, id)))
    .limit(1);
  if (!row) throw HttpError.notFound(`Notification '${id}' was not found`);
  const [dto] = await hydrate(db, tenant, [row]);
  if (!dto) throw HttpError.notFound(`Notification '${id}' was not found`);
  return dto;
}

/**
 * The subscribers a trigger reached, as its activity records them: where to find its runs and inbox messages.
 * `only` narrows them further (e.g. to triggers whose workflow has an in-app step).
 */
export async function transactionRecipients(
  db: Database,
  tenant: Tenant,
  transactionId: string,
  only?: SQL,
): Promise<string[]> {
  const rows = await db
    .select({ subscriberId: notificationEvents.subscriberId })
    .from(notificationEvents)
    .where(
      and(
        eq(notificationEvents.environmentId, tenant.id),
        eq(notificationEvents.transactionId, transactionId),
        only,
      ),
    );
  return rows.map((row) => row.subscriberId);
}
