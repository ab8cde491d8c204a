import { hmacSha256Hex, nowIso, providerRequest, required, withOverrides } from "../http";
import type { Provider } from "../types";

/** Push webhook: the notification posted as JSON to the integration's URL, HMAC-signed with its secret key. */
export const pushWebhook: Provider<"push"> = {
  id: "push-webhook",
  channel: "push",
  async send(message, credentials, options) {
    const { webhookUrl } = required("push-webhook", credentials, "webhookUrl");
    const body = withOverrides({ ...message, id: options.idempotencyKey }, options.overrides);
    const signature = credentials.secretKey
      ? await hmacSha256Hex(credentials.secretKey, JSON.stringify(body))
      : undefined;
    await providerRequest(
      {
        providerId: "push-webhook",
        url: webhookUrl,
        headers: signature ? { "x-novu-signature": signature } : {},
        body,
      },
      options,
    );
    return { id: options.idempotencyKey, date: nowIso() };
  },
};
