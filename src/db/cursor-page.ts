import { and, asc, desc, type SQL, sql } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Database } from "./client";

export type CursorQuery = {
  after?: string;
  before?: string;
  limit: number;
  orderDirection: "ASC" | "DESC";
  includeCursor?: boolean;
};

export type CursorPage<T> = { rows: T[]; next: string | null; previous: string | null; totalCount: number };

/**
 * Novu's cursor pagination (`after`/`before` are row `_id`s) as keyset pagination over (sort column, id), so a page
 * costs the same however deep it is. Walking backwards flips the comparison and order, then reverses the page.
 */
export async function cursorPage<T extends SQLiteTable & { id: SQLiteColumn }>(
  db: Database,
  table: T,
  sortColumn: SQLiteColumn,
  where: SQL | undefined,
  query: CursorQuery,
): Promise<CursorPage<T["$inferSelect"]>> {
  const descending = query.orderDirection === "DESC";
  const backwards = Boolean(query.before) && !query.after;
  const cursorId = query.after ?? query.before;
  const walkDescending = descending !== backwards;
  const pivot = sql`(select ${sortColumn}, ${table.id} from ${table} where ${table.id} = ${cursorId})`;
  const comparison = walkDescending
    ? query.includeCursor
      ? sql`<=`
      : sql`<`
    : query.includeCursor
      ? sql`>=`
      : sql`>`;
  const afterCursor = cursorId ? sql`(${sortColumn}, ${table.id}) ${comparison} ${pivot}` : undefined;
  const order = walkDescending ? [desc(sortColumn), desc(table.id)] : [asc(sortColumn), asc(table.id)];

  const [rows, [count]] = await Promise.all([
    db
      .select()
      .from(table as SQLiteTable)
      .where(and(where, afterCursor))
      .orderBy(...order)
      .limit(query.limit + 1),
    db
      .select({ total: sql<number>`count(*)` })
      .from(table as SQLiteTable)
      .where(where),
  ]);
  const hasMore = rows.length > query.limit;
  const page = rows.slice(0, query.limit) as T["$inferSelect"][];
  if (backwards) page.reverse();
  const first = page[0] as { id: string } | undefined;
  const last = page[page.length - 1] as { id: string } | undefined;
  return {
    rows: page,
    next: (backwards ? Boolean(cursorId) : hasMore) && last ? last.id : null,
    previous: (backwards ? hasMore : Boolean(cursorId)) && first ? first.id : null,
    totalCount: count?.total ?? 0,
  };
}
