import { hmacSha256Hex, nowIso, providerRequest, required } from "../http";
import type { Provider } from "../types";

/** Email webhook: the rendered email posted as JSON to the integration's URL, HMAC-signed with its secret key. */
export const emailWebhook: Provider<"email"> = {
  id: "email-webhook",
  channel: "email",
  async send(message, credentials, options) {
    const { webhookUrl } = required("email-webhook", credentials, "webhookUrl");
    const body = { ...message, id: options.idempotencyKey, ...options.overrides };
    const signature = credentials.secretKey
      ? await hmacSha256Hex(credentials.secretKey, JSON.stringify(body))
      : undefined;
    await providerRequest(
      {
        providerId: "email-webhook",
        url: webhookUrl,
        headers: signature ? { "x-novu-signature": signature } : {},
        body,
      },
      options,
    );
    return { id: options.idempotencyKey, date: nowIso() };
  },
};
