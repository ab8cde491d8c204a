// Seeded on first use: workerd forbids generating random values in global scope, so `wrangler dev` would not start.
let processPart: Uint8Array | undefined;
let counter = 0;

/**
 * A Mongo-style ObjectId: 4 bytes of seconds, 5 random bytes fixed per isolate, then a 3-byte counter, as 24 hex
 * characters. Novu's clients treat `_id` as opaque; ids that sort by creation keep cursors and "newest first" cheap.
 */
export function objectId(now = Date.now()): string {
  if (!processPart) {
    processPart = crypto.getRandomValues(new Uint8Array(5));
    counter = crypto.getRandomValues(new Uint32Array(1))[0] ?? 0;
  }
  counter = (counter + 1) % 0x1000000;
  const seconds = Math.floor(now / 1000)
    .toString(16)
    .padStart(8, "0");
  return seconds + toHex(processPart) + counter.toString(16).padStart(6, "0");
}

export function isObjectId(value: string): boolean {
  return /^[0-9a-f]{24}$/.test(value);
}

export function toHex(bytes: Uint8Array): string {
  let out = "";
  for (const b of bytes) out += b.toString(16).padStart(2, "0");
  return out;
}
