import { hmacSha256Hex } from "./crypto";

/**
 * `t=<ms>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`: how Novu signs bridge requests (`novu-signature`) and how
 * this platform signs its outbound webhooks. The timestamp is signed too, so a receiver can refuse replays.
 */
export async function signatureHeader(secret: string, body: string, timestamp = Date.now()): Promise<string> {
  return `t=${timestamp},v1=${await hmacSha256Hex(secret, `${timestamp}.${body}`)}`;
}
