/**
 * A Mongo-style ObjectId: 4 bytes of seconds then 8 random bytes, as 24 hex characters. Novu's clients treat `_id`
 * as opaque, but ids that sort by creation time keep cursor pagination and "newest first" cheap.
 */
export function objectId(now = Date.now()): string {
  const seconds = Math.floor(now / 1000)
    .toString(16)
    .padStart(8, "0");
  const random = crypto.getRandomValues(new Uint8Array(8));
  return seconds + toHex(random);
}

export function isObjectId(value: string): boolean {
  return /^[0-9a-f]{24}$/.test(value);
}

export function toHex(bytes: Uint8Array): string {
  let out = "";
  for (const b of bytes) out += b.toString(16).padStart(2, "0");
  return out;
}
