import { and, desc, eq, inArray, isNotNull, isNull, lt, or, type SQL, sql } from "drizzle-orm";
import type { DrizzleSqliteDODatabase } from "drizzle-orm/durable-sqlite";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { canonicalKeys } from "../../src/contexts/context.mapper";
import { prepared } from "../../src/db/prepared";
import { objectId } from "../../src/lib/ids";
import { type NotificationRow, notifications } from "./inbox.schema";
import type { InboxFilter, NewInAppMessage } from "./inbox.types";

export type InboxDb = DrizzleSqliteDODatabase<Record<string, unknown>>;
type Patchable =
  | "readAt"
  | "firstSeenAt"
  | "archivedAt"
  | "snoozedUntil"
  | "primaryAction"
  | "secondaryAction";
/** A change to notifications: a value, or SQL when it depends on the row (e.g. keep the first read time). */
export type NotificationPatch = { [K in Patchable]?: NotificationRow[K] | SQL };

function flag(column: SQLiteColumn, wanted: boolean | undefined): SQL | undefined {
  if (wanted === undefined) return undefined;
  return wanted ? isNotNull(column) : isNull(column);
}

/** Translates an Inbox filter to SQL; every present field must match. */
export function whereFilter(filter: InboxFilter): SQL | undefined {
  const conditions: (SQL | undefined)[] = [
    flag(notifications.readAt, filter.read),
    flag(notifications.firstSeenAt, filter.seen),
    flag(notifications.archivedAt, filter.archived),
    flag(notifications.snoozedUntil, filter.snoozed),
  ];
  if (filter.tags && filter.tags.length > 0) {
    const tags = sql.join(
      filter.tags.map((t) => sql`${t}`),
      sql`, `,
    );
    conditions.push(sql`exists (select 1 from json_each(${notifications.tags}) where value in (${tags}))`);
  }
  if (filter.severity && filter.severity.length > 0)
    conditions.push(inArray(notifications.severity, filter.severity));
  // Exact match, as Novu's Inbox filters by context: a session without context sees only context-less notifications.
  if (filter.contextKeys) conditions.push(eq(notifications.contextKeys, canonicalKeys(filter.contextKeys)));
  for (const [key, value] of Object.entries(filter.data ?? {})) {
    const path = `$."${key.replaceAll('"', '""')}"`;
    const expected = typeof value === "boolean" ? Number(value) : value;
    conditions.push(sql`json_extract(${notifications.data}, ${path}) = ${expected as string | number}`);
  }
  return and(...conditions);
}

/** The columns a new in-app row sets; the others (read, seen, archived, snoozed) start empty. */
const insertedColumns = [
  "id",
  "transactionId",
  "stepId",
  "workflow",
  "subject",
  "body",
  "avatar",
  "primaryAction",
  "secondaryAction",
  "redirect",
  "data",
  "tags",
  "severity",
  "contextKeys",
  "createdAt",
  "updatedAt",
  "deliveredAt",
] as const;
type InsertedRow = Required<Pick<typeof notifications.$inferInsert, (typeof insertedColumns)[number]>>;

/** Every run writes one: built into SQL once per object, then bound per message. */
const insertRow = prepared((db: InboxDb) => {
  const values = Object.fromEntries(insertedColumns.map((column) => [column, sql.placeholder(column)]));
  return db
    .insert(notifications)
    .values(values as unknown as InsertedRow)
    .onConflictDoNothing()
    .returning()
    .prepare();
});

export function insertNotification(
  db: InboxDb,
  message: NewInAppMessage,
  now: number,
): NotificationRow | undefined {
  const row: InsertedRow = {
    id: objectId(now),
    transactionId: message.transactionId,
    stepId: message.stepId,
    workflow: message.workflow,
    subject: message.content.subject ?? null,
    body: message.content.body,
    avatar: message.content.avatar ?? null,
    primaryAction: message.content.primaryAction ?? null,
    secondaryAction: message.content.secondaryAction ?? null,
    redirect: message.content.redirect ?? null,
    data: message.content.data ?? null,
    tags: message.workflow.tags,
    severity: message.workflow.severity,
    contextKeys: canonicalKeys(message.contextKeys),
    createdAt: now,
    updatedAt: now,
    deliveredAt: [now],
  };
  return insertRow(db).get(row);
}

export type Page = { limit: number; offset: number; after?: string };

/** Newest first; `after` is the id of the last notification the client holds. */
export function listNotifications(db: InboxDb, filter: InboxFilter, page: Page) {
  const cursor = page.after
    ? db
        .select({ createdAt: notifications.createdAt, id: notifications.id })
        .from(notifications)
        .where(eq(notifications.id, page.after))
        .get()
    : undefined;
  const afterCursor = cursor
    ? or(
        lt(notifications.createdAt, cursor.createdAt),
        and(eq(notifications.createdAt, cursor.createdAt), lt(notifications.id, cursor.id)),
      )
    : undefined;
  const rows = db
    .select()
    .from(notifications)
    .where(and(whereFilter(filter), afterCursor))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(page.limit + 1)
    .offset(cursor ? 0 : page.offset)
    .all();
  return { rows: rows.slice(0, page.limit), hasMore: rows.length > page.limit };
}

export function listByTransactions(
  db: InboxDb,
  transactionIds: string[] | undefined,
  page: Omit<Page, "after">,
) {
  const where = transactionIds?.length ? inArray(notifications.transactionId, transactionIds) : undefined;
  const rows = db
    .select()
    .from(notifications)
    .where(where)
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(page.limit + 1)
    .offset(page.offset)
    .all();
  const total = db.select({ count: sql<number>`count(*)` }).from(notifications).where(where).get();
  return {
    rows: rows.slice(0, page.limit),
    hasMore: rows.length > page.limit,
    totalCount: total?.count ?? 0,
  };
}

export function deleteByTransaction(db: InboxDb, transactionId: string): number {
  return db
    .delete(notifications)
    .where(eq(notifications.transactionId, transactionId))
    .returning({ id: notifications.id })
    .all().length;
}

export function countNotifications(db: InboxDb, filter: InboxFilter): number {
  const row = db
    .select({ count: sql<number>`count(*)` })
    .from(notifications)
    .where(whereFilter(filter))
    .get();
  return row?.count ?? 0;
}

/** Unread notifications per severity, in one context when given: the `counts` of `unread_count_changed`. */
export function unreadBySeverity(db: InboxDb, contextKeys?: string[]): Record<string, number> {
  const rows = db
    .select({ severity: notifications.severity, count: sql<number>`count(*)` })
    .from(notifications)
    .where(whereFilter({ read: false, archived: false, snoozed: false, contextKeys }))
    .groupBy(notifications.severity)
    .all();
  return Object.fromEntries(rows.map((r) => [r.severity, r.count]));
}

export function findNotification(db: InboxDb, id: string): NotificationRow | undefined {
  return db.select().from(notifications).where(eq(notifications.id, id)).get();
}

export function updateNotification(
  db: InboxDb,
  id: string,
  patch: NotificationPatch,
  now: number,
): NotificationRow | undefined {
  return db
    .update(notifications)
    .set({ ...patch, updatedAt: now })
    .where(eq(notifications.id, id))
    .returning()
    .get();
}

/** Applies one change to every notification matching `filter` (and, when given, one of `ids`). */
export function updateMatching(
  db: InboxDb,
  filter: InboxFilter,
  patch: NotificationPatch,
  now: number,
  ids?: string[],
): NotificationRow[] {
  const byIds = ids ? inArray(notifications.id, ids) : undefined;
  return db
    .update(notifications)
    .set({ ...patch, updatedAt: now })
    .where(and(whereFilter(filter), byIds))
    .returning()
    .all();
}

export function deleteNotification(db: InboxDb, id: string): boolean {
  return (
    db.delete(notifications).where(eq(notifications.id, id)).returning({ id: notifications.id }).all()
      .length > 0
  );
}

export function deleteMatching(db: InboxDb, filter: InboxFilter): number {
  return db.delete(notifications).where(whereFilter(filter)).returning({ id: notifications.id }).all().length;
}

export function nextSnoozeEnd(db: InboxDb): number | undefined {
  const row = db
    .select({ until: sql<number | null>`min(${notifications.snoozedUntil})` })
    .from(notifications)
    .get();
  return row?.until ?? undefined;
}

/** Ends every snooze that is due; the notifications count as delivered again. */
export function wakeSnoozed(db: InboxDb, now: number): NotificationRow[] {
  return db
    .update(notifications)
    .set({
      snoozedUntil: null,
      updatedAt: now,
      deliveredAt: sql`json_insert(${notifications.deliveredAt}, '$[#]', ${now})`,
    })
    .where(sql`${notifications.snoozedUntil} <= ${now}`)
    .returning()
    .all();
}

export type TransactionStep = { transactionId: string; stepId: string };

/** The messages these (transactionId, stepId) pairs created: at most one each, by the unique index. */
export function findByTransactionSteps(db: InboxDb, refs: TransactionStep[]): NotificationRow[] {
  if (refs.length === 0) return [];
  const key = (ref: TransactionStep) => `${ref.transactionId}\u0000${ref.stepId}`;
  const wanted = new Set(refs.map(key));
  // One bound JSON list, however many transactions: SQLite in a Durable Object binds at most 100 parameters.
  const transactionIds = JSON.stringify([...new Set(refs.map((ref) => ref.transactionId))]);
  return db
    .select()
    .from(notifications)
    .where(sql`${notifications.transactionId} in (select value from json_each(${transactionIds}))`)
    .all()
    .filter((row) => wanted.has(key(row)));
}
