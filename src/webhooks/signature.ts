import { hmacSha256Hex } from "../lib/crypto";

/**
 * `novu-signature: t=<ms>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`, the scheme Novu signs bridge requests with:
 * the timestamp is signed too, so a receiver can refuse replays of an old event.
 */
export async function signatureHeader(secret: string, body: string, timestamp = Date.now()): Promise<string> {
  return `t=${timestamp},v1=${await hmacSha256Hex(secret, `${timestamp}.${body}`)}`;
}

/** A new signing secret: 32 random bytes, prefixed so it is recognisable in a secrets manager. */
export function newSigningSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return `whsec_${btoa(String.fromCharCode(...bytes)).replace(/[+/=]/g, "")}`;
}
