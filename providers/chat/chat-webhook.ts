import { hmacSha256Hex, nowIso, providerRequest } from "../http";
import { type Provider, ProviderError } from "../types";

/** Chat webhook: the message posted as JSON to the subscriber's URL, HMAC-signed when the integration has a secret. */
export const chatWebhook: Provider<"chat"> = {
  id: "chat-webhook",
  channel: "chat",
  async send(message, credentials, options) {
    if (!message.webhookUrl) {
      throw new ProviderError("chat-webhook: the subscriber has no webhook URL", {
        retryable: false,
        providerId: "chat-webhook",
      });
    }
    const body = { content: message.content, id: options.idempotencyKey, ...options.overrides };
    const signature = credentials.secretKey
      ? await hmacSha256Hex(credentials.secretKey, JSON.stringify(body))
      : undefined;
    await providerRequest(
      {
        providerId: "chat-webhook",
        url: message.webhookUrl,
        headers: signature ? { "x-novu-signature": signature } : {},
        body,
      },
      options,
    );
    return { id: options.idempotencyKey, date: nowIso() };
  },
};
