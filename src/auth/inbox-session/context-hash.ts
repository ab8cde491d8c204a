import type { ContextPayload } from "../../contexts/context.schemas";
import { hmacSha256Hex, timingSafeEqual } from "../../lib/crypto";

const quoted = (text: string) => `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;

/**
 * The canonical JSON Novu signs a session's context in (`@tufjs/canonical-json`): object keys sorted, no
 * whitespace, only `\` and `"` escaped in strings, integers only. Undefined for what that encoding refuses
 * (fractional numbers), so such a context can carry no valid hash.
 */
export function canonicalJson(value: unknown): string | undefined {
  if (typeof value === "string") return quoted(value);
  if (typeof value === "boolean" || value === null) return JSON.stringify(value);
  if (typeof value === "number") return Number.isInteger(value) ? JSON.stringify(value) : undefined;
  if (Array.isArray(value)) {
    const items = value.map(canonicalJson);
    return items.every((item) => item !== undefined) ? `[${items.join(",")}]` : undefined;
  }
  if (typeof value === "object") {
    const record = value as Record<string, unknown>;
    const members = Object.keys(record)
      .sort()
      .map((key) => {
        const encoded = canonicalJson(record[key]);
        return encoded === undefined ? undefined : `${quoted(key)}:${encoded}`;
      });
    return members.every((member) => member !== undefined) ? `{${members.join(",")}}` : undefined;
  }
  return undefined;
}

/**
 * Novu's "Inbox with context" check: `contextHash = hex(HMAC-SHA256(secret key, canonical JSON of the context))`,
 * the context exactly as the session sent it (data included). True when one of the environment's keys signed it.
 */
export async function isContextHashValid(
  secretKeys: string[],
  context: ContextPayload,
  contextHash: string | undefined,
): Promise<boolean> {
  const canonical = canonicalJson(context);
  if (!contextHash || canonical === undefined) return false;
  for (const secretKey of secretKeys) {
    if (timingSafeEqual(await hmacSha256Hex(secretKey, canonical), contextHash.toLowerCase())) return true;
  }
  return false;
}
