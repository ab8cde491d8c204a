import { importPKCS8, SignJWT } from "jose";
import { providerRequest, required, withOverrides } from "../http";
import type { Provider } from "../types";
import { sendToEachDevice } from "./each-device";
import { uuidFor } from "./uuid";

// Apple rejects provider tokens refreshed more than once per 20 minutes and expires them after 60: reuse for 50.
const tokens = new Map<string, { jwt: string; until: number }>();

async function providerToken(key: string, keyId: string, teamId: string) {
  const cacheKey = `${teamId}\n${keyId}\n${key}`;
  const cached = tokens.get(cacheKey);
  if (cached && cached.until > Date.now()) return cached.jwt;
  const jwt = await new SignJWT({})
    .setProtectedHeader({ alg: "ES256", kid: keyId })
    .setIssuer(teamId)
    .setIssuedAt()
    .sign(await importPKCS8(key, "ES256"));
  tokens.set(cacheKey, { jwt, until: Date.now() + 50 * 60_000 });
  return jwt;
}

/**
 * Apple Push Notification service, token-based (.p8) auth, credentials mapped as Novu's handler does: secretKey = the
 * .p8 key, apiKey = its key id, projectName = team id, applicationId = bundle id (apns-topic), secure = production.
 * https://developer.apple.com/documentation/usernotifications/sending-notification-requests-to-apns
 *
 * Caveat: APNs speaks HTTP/2 only, and a Worker's `fetch` reaches origins over HTTP/1.1, so production delivery needs
 * `credentials.baseUrl` pointing at an HTTP/2-capable relay that forwards the request (path, headers, body) verbatim.
 */
export const apns: Provider<"push"> = {
  id: "apns",
  channel: "push",
  async send(message, credentials, options) {
    const { secretKey, apiKey, projectName, applicationId } = required(
      "apns",
      credentials,
      "secretKey",
      "apiKey",
      "projectName",
      "applicationId",
    );
    const jwt = await providerToken(secretKey, apiKey, projectName);
    const host =
      credentials.secure === "true" ? "https://api.push.apple.com" : "https://api.sandbox.push.apple.com";
    const apnsId = await uuidFor(options.idempotencyKey);
    const body = withOverrides(
      { aps: { alert: { title: message.title, body: message.content } }, ...message.data },
      options.overrides,
    );
    return sendToEachDevice("apns", message.target, async (deviceToken) => {
      const response = await providerRequest(
        {
          providerId: "apns",
          url: `${credentials.baseUrl ?? host}/3/device/${deviceToken}`,
          headers: {
            authorization: `bearer ${jwt}`,
            "apns-topic": applicationId,
            "apns-push-type": "alert",
            "apns-id": apnsId,
            // Like Novu: a redelivered copy replaces the first on the device instead of showing twice.
            "apns-collapse-id": options.idempotencyKey.slice(0, 64),
          },
          body,
        },
        options,
      );
      return response.headers.get("apns-id") ?? apnsId;
    });
  },
};
