/**
 * Reads a dot path (`order.shipAt`) out of a JSON-like value. Only own properties are followed, so a path such as
 * `constructor.name` or `__proto__` cannot reach into prototypes.
 */
export function valueAt(source: unknown, path: string): unknown {
  if (path === "") return undefined;
  let current = source;
  for (const key of path.split(".")) {
    if (current === null || typeof current !== "object" || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/**
 * Reads a key that names a payload field. Novu accepts both `payload.ticketId` (how the dashboard writes it) and a
 * bare `ticketId` (how older code-first workflows write it), so the `payload.` prefix is optional.
 */
export function payloadValue(payload: unknown, key: string): unknown {
  const path = key.trim().replace(/^\{\{\s*(.*?)\s*\}\}$/, "$1");
  return valueAt(payload, path.startsWith("payload.") ? path.slice("payload.".length) : path);
}

/** A payload value as a grouping key: strings as they are, objects as JSON, nothing at all as "". */
export function payloadString(payload: unknown, key: string): string {
  const value = payloadValue(payload, key);
  if (value === undefined || value === null) return "";
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}
