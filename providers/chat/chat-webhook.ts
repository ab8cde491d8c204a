import { hmacSha256Hex, nowIso, providerRequest, withOverrides } from "../http";
import type { Provider } from "../types";
import { fromSubscriber } from "./subscriber";

/** Chat webhook: the message posted as JSON to the subscriber's URL, HMAC-signed when the integration has a secret. */
export const chatWebhook: Provider<"chat"> = {
  id: "chat-webhook",
  channel: "chat",
  async send(message, credentials, options) {
    const body = withOverrides({ content: message.content, id: options.idempotencyKey }, options.overrides);
    const signature = credentials.secretKey
      ? await hmacSha256Hex(credentials.secretKey, JSON.stringify(body))
      : undefined;
    await providerRequest(
      {
        providerId: "chat-webhook",
        url: fromSubscriber("chat-webhook", message, "webhookUrl"),
        headers: signature ? { "x-novu-signature": signature } : {},
        body,
      },
      options,
    );
    return { id: options.idempotencyKey, date: nowIso() };
  },
};
