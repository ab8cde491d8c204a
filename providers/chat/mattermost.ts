import { nowIso, providerRequest, withOverrides } from "../http";
import type { Provider } from "../types";
import { fromSubscriber } from "./subscriber";

/**
 * Mattermost incoming webhooks (https://developers.mattermost.com/integrate/webhooks/incoming/): `text`, and
 * `channel` to override the webhook's default. Like Novu, the id is the `X-Request-Id` Mattermost answers with.
 */
export const mattermost: Provider<"chat"> = {
  id: "mattermost",
  channel: "chat",
  async send(message, _credentials, options) {
    const response = await providerRequest(
      {
        providerId: "mattermost",
        url: fromSubscriber("mattermost", message, "webhookUrl"),
        body: withOverrides(
          { text: message.content, ...(message.channel ? { channel: message.channel } : {}) },
          options.overrides,
        ),
      },
      options,
    );
    const date = Date.parse(response.headers.get("date") ?? "");
    return {
      id: response.headers.get("x-request-id") ?? options.idempotencyKey,
      date: Number.isNaN(date) ? nowIso() : new Date(date).toISOString(),
    };
  },
};
