import { hmacSha256Hex } from "../lib/crypto";

/**
 * The `novu-signature` header `@novu/framework` verifies: `t=<ms>,v1=<hex HMAC-SHA256(secretKey, "<t>.<body>")>`,
 * where the body is the request's JSON (`{}` for a GET). The timestamp lets the bridge refuse replays.
 */
export async function bridgeSignature(secretKey: string, body: unknown, now = Date.now()): Promise<string> {
  return `t=${now},v1=${await hmacSha256Hex(secretKey, `${now}.${JSON.stringify(body)}`)}`;
}
