import { and, eq, sql } from "drizzle-orm";
import type { Tenant } from "../app-env";
import type { Database } from "../db/client";
import { cursorPage } from "../db/cursor-page";
import { type ContextRow, contexts } from "../db/schema";
import { HttpError } from "../http/http-error";
import { objectId } from "../lib/ids";
import { canonicalKeys, contextKey } from "./context.mapper";
import type { ContextPayload, CreateContextInput, ListContextsQuery } from "./context.schemas";

const scoped = (tenant: Tenant, type: string, id: string) =>
  and(eq(contexts.environmentId, tenant.id), eq(contexts.type, type), eq(contexts.contextId, id));

export async function findContext(db: Database, tenant: Tenant, type: string, id: string) {
  const [row] = await db
    .select()
    .from(contexts)
    .where(scoped(tenant, type, id))
    .limit(1);
  return row;
}

export async function getContext(
  db: Database,
  tenant: Tenant,
  type: string,
  id: string,
): Promise<ContextRow> {
  const row = await findContext(db, tenant, type, id);
  if (!row)
    throw HttpError.notFound(
      `Context with id '${id}' and type '${type}' not found in environment ${tenant.id}`,
    );
  return row;
}

/** Creates a context; the unique (environment, type, id) index makes a concurrent duplicate a 409 too. */
export async function createContext(
  db: Database,
  tenant: Tenant,
  input: CreateContextInput,
): Promise<ContextRow> {
  const now = Date.now();
  const [row] = await db
    .insert(contexts)
    .values({
      id: objectId(now),
      environmentId: tenant.id,
      type: input.type,
      contextId: input.id,
      data: input.data ?? {},
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing()
    .returning();
  if (!row) throw HttpError.conflict(`Context with type '${input.type}' and id '${input.id}' already exists`);
  return row;
}

/** Replaces the context's `data`; nothing else changes. */
export async function updateContext(
  db: Database,
  tenant: Tenant,
  type: string,
  id: string,
  data: Record<string, unknown>,
): Promise<ContextRow> {
  const [row] = await db
    .update(contexts)
    .set({ data, updatedAt: Date.now() })
    .where(scoped(tenant, type, id))
    .returning();
  if (!row) throw HttpError.notFound(`Context with type '${type}' and id '${id}' not found`);
  return row;
}

export async function deleteContext(db: Database, tenant: Tenant, type: string, id: string): Promise<void> {
  const removed = await db
    .delete(contexts)
    .where(scoped(tenant, type, id))
    .returning({ id: contexts.id });
  if (removed.length === 0) throw HttpError.notFound(`Context with type '${type}' and id '${id}' not found`);
}

/** LIKE pattern for a substring match, with the caller's `%`, `_` and `\` taken literally. */
const containing = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export function listContexts(db: Database, tenant: Tenant, query: ListContextsQuery) {
  const where = and(
    eq(contexts.environmentId, tenant.id),
    query.type ? eq(contexts.type, query.type) : undefined,
    query.id ? eq(contexts.contextId, query.id) : undefined,
    // Novu searches the composite key "type:id", case-insensitively (SQLite's LIKE is, for ASCII).
    query.search
      ? sql`(${contexts.type} || ':' || ${contexts.contextId}) like ${containing(query.search)} escape '\\'`
      : undefined,
  );
  const sortColumn = query.orderBy === "updatedAt" ? contexts.updatedAt : contexts.createdAt;
  return cursorPage(db, contexts, sortColumn, where, query);
}

/**
 * Resolves a `context` payload to its sorted `type:id` keys, creating the contexts that do not exist yet (with the
 * given `data`, if any); existing contexts are left as they are.
 */
export async function resolveContextPayload(
  db: Database,
  tenant: Tenant,
  payload: ContextPayload | undefined,
): Promise<string[]> {
  if (!payload) return [];
  const now = Date.now();
  const inserts = Object.entries(payload).map(([type, value]) => {
    const { id, data } = typeof value === "string" ? { id: value, data: undefined } : value;
    return {
      key: contextKey(type, id),
      statement: db
        .insert(contexts)
        .values({
          id: objectId(now),
          environmentId: tenant.id,
          type,
          contextId: id,
          data: data ?? {},
          createdAt: now,
          updatedAt: now,
        })
        .onConflictDoNothing(),
    };
  });
  const [first, ...rest] = inserts.map((i) => i.statement);
  if (first) await db.batch([first, ...rest]);
  return canonicalKeys(inserts.map((i) => i.key));
}
