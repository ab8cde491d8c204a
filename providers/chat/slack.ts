import { nowIso, providerRequest, withOverrides } from "../http";
import { type Provider, ProviderError } from "../types";

/**
 * Slack: to the subscriber's incoming webhook when they have one (https://api.slack.com/messaging/webhooks),
 * otherwise `chat.postMessage` with the integration's bot token (https://api.slack.com/methods/chat.postMessage).
 */
export const slack: Provider<"chat"> = {
  id: "slack",
  channel: "chat",
  async send(message, credentials, options) {
    const body = withOverrides(
      { text: message.content, ...(message.channel ? { channel: message.channel } : {}) },
      options.overrides,
    );
    if (message.webhookUrl) {
      await providerRequest({ providerId: "slack", url: message.webhookUrl, body }, options);
      return { id: options.idempotencyKey, date: nowIso() };
    }
    if (!credentials.apiToken || !message.channel) {
      throw new ProviderError("slack: needs the subscriber's webhook URL, or a bot token and a channel", {
        retryable: false,
        providerId: "slack",
      });
    }
    const response = await providerRequest(
      {
        providerId: "slack",
        url: `${credentials.baseUrl ?? "https://slack.com"}/api/chat.postMessage`,
        headers: { authorization: `Bearer ${credentials.apiToken}` },
        body,
      },
      options,
    );
    // Slack answers 200 with `ok: false` for API errors (bad channel, revoked token).
    const result = (await response.json()) as { ok: boolean; ts?: string; error?: string };
    if (!result.ok)
      throw new ProviderError(`slack: ${result.error}`, {
        retryable: result.error === "ratelimited",
        providerId: "slack",
      });
    return { id: result.ts ?? options.idempotencyKey, date: nowIso() };
  },
};
