import { and, eq, or } from "drizzle-orm";
import type { Tenant } from "../app-env";
import type { Database } from "../db/client";
import { contexts } from "../db/schema";
import { objectId } from "../lib/ids";
import type { ContextPayload } from "./context.schemas";

/** A trigger's contexts as its templates read them: `{{context.tenant.id}}`, `{{context.tenant.data.name}}`. */
export type RunContexts = Record<string, { id: string; data: Record<string, unknown> }>;

/**
 * Stores a trigger's contexts and returns them as stored, in one D1 batch (one round-trip, once per trigger, never
 * per recipient). As Novu does on a trigger: a missing context is created; `{ id, data }` replaces an existing
 * context's `data`; a bare id (or `{ id }`) leaves an existing context as it is, and templates see its stored data.
 */
export async function upsertTriggerContexts(
  db: Database,
  tenant: Pick<Tenant, "id">,
  payload: ContextPayload | undefined,
): Promise<RunContexts> {
  const entries = Object.entries(payload ?? {}).map(([type, value]) =>
    typeof value === "string" ? { type, id: value, data: undefined } : { type, ...value },
  );
  const now = Date.now();
  const writes = entries.map(({ type, id, data }) => {
    const insert = db.insert(contexts).values({
      id: objectId(now),
      environmentId: tenant.id,
      type,
      contextId: id,
      data: data ?? {},
      createdAt: now,
      updatedAt: now,
    });
    return data
      ? insert.onConflictDoUpdate({
          target: [contexts.environmentId, contexts.type, contexts.contextId],
          set: { data, updatedAt: now },
        })
      : insert.onConflictDoNothing();
  });
  const read = db
    .select({ type: contexts.type, id: contexts.contextId, data: contexts.data })
    .from(contexts)
    .where(
      and(
        eq(contexts.environmentId, tenant.id),
        or(...entries.map(({ type, id }) => and(eq(contexts.type, type), eq(contexts.contextId, id)))),
      ),
    );
  const [first, ...rest] = writes;
  if (!first) return {};
  const results = await db.batch([first, ...rest, read]);
  // The writes answer with D1 results, the closing read with the rows.
  const last = results.at(-1);
  const stored = new Map((Array.isArray(last) ? last : []).map((row) => [row.type, row]));
  // In the order the trigger named them, as its activity record lists their keys.
  return Object.fromEntries(
    entries.flatMap(({ type }) => {
      const row = stored.get(type);
      return row ? [[type, { id: row.id, data: row.data }]] : [];
    }),
  );
}
