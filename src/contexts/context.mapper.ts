import type { ContextRow } from "../db/schema";
import { toIso } from "../lib/time";
import type { ContextDto } from "./context.schemas";

export function toContextDto(row: ContextRow): ContextDto {
  return {
    type: row.type,
    id: row.contextId,
    data: row.data,
    createdAt: toIso(row.createdAt),
    updatedAt: toIso(row.updatedAt),
  };
}

/** The `type:id` key by which other resources refer to a context. */
export const contextKey = (type: string, id: string) => `${type}:${id}`;

/** Context keys as stored: unique and sorted, so an exact, order-insensitive match is a plain equality. */
export const canonicalKeys = (keys: string[]) => [...new Set(keys)].sort();

/** Whether stored keys (sorted, unique) name exactly the context `keys` names. */
export function sameContext(stored: string[], keys: string[]): boolean {
  const wanted = canonicalKeys(keys);
  return stored.length === wanted.length && stored.every((key, i) => key === wanted[i]);
}

/**
 * The stored keys of a context map, whichever form each entry takes: `{ tenant: "acme" }` as a trigger or session
 * sends it, or `{ tenant: { id: "acme", data } }` as a run carries it. Entries without an id name no context.
 */
export function keysOfContext(context: Record<string, unknown>): string[] {
  return canonicalKeys(
    Object.entries(context).flatMap(([type, value]) => {
      const id = typeof value === "object" && value !== null && "id" in value ? value.id : value;
      return typeof id === "string" && id !== "" ? [contextKey(type, id)] : [];
    }),
  );
}
