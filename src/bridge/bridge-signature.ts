import { signatureHeader } from "../lib/signature";

/** The `novu-signature` header `@novu/framework` verifies; for a GET the signed body is `{}`. */
export function bridgeSignature(secretKey: string, body: unknown, now = Date.now()): Promise<string> {
  return signatureHeader(secretKey, JSON.stringify(body), now);
}
