/**
 * Verifies the `novu-signature` header this platform puts on outbound webhooks (`t=<ms>,v1=<hex HMAC-SHA256(secret,
 * "<t>.<raw body>")>`), for receivers. It uses only WebCrypto, so the same file runs in a Worker, Node 20+, Deno or a
 * browser. A signature older (or further in the future) than `toleranceMs` is refused even when it is genuine: the
 * timestamp is signed, so a captured request cannot be replayed later with a fresh one.
 */
export type WebhookVerification =
  | { valid: true; timestamp: number }
  | { valid: false; reason: "malformed" | "stale" | "mismatch" };

const encoder = new TextEncoder();

export async function verifyWebhookSignature(
  secret: string,
  header: string | null | undefined,
  rawBody: string,
  now = Date.now(),
  toleranceMs = 300_000,
): Promise<WebhookVerification> {
  const match = /^t=(\d{1,16}),v1=([0-9a-f]{64})$/.exec(header?.trim() ?? "");
  if (!match?.[1] || !match[2]) return { valid: false, reason: "malformed" };
  const timestamp = Number(match[1]);
  if (Math.abs(now - timestamp) > toleranceMs) return { valid: false, reason: "stale" };
  const key = await crypto.subtle.importKey(
    "raw",
    encoder.encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["verify"],
  );
  const signature = Uint8Array.from(match[2].match(/../g) ?? [], (byte) => Number.parseInt(byte, 16));
  // subtle.verify compares in constant time, unlike comparing hex strings.
  const genuine = await crypto.subtle.verify(
    "HMAC",
    key,
    signature,
    encoder.encode(`${timestamp}.${rawBody}`),
  );
  return genuine ? { valid: true, timestamp } : { valid: false, reason: "mismatch" };
}
