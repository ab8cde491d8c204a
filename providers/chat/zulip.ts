import { nowIso, providerRequest, withOverrides } from "../http";
import type { Provider } from "../types";
import { fromSubscriber } from "./subscriber";

/**
 * Zulip, as Novu sends it: `{ text }` posted to the subscriber's incoming-webhook URL (Zulip's Slack-compatible
 * incoming webhook, https://zulip.com/integrations/slack_incoming, whose URL carries the bot's api_key and stream).
 */
export const zulip: Provider<"chat"> = {
  id: "zulip",
  channel: "chat",
  async send(message, _credentials, options) {
    await providerRequest(
      {
        providerId: "zulip",
        url: fromSubscriber("zulip", message, "webhookUrl"),
        body: withOverrides({ text: message.content }, options.overrides),
      },
      options,
    );
    return { id: options.idempotencyKey, date: nowIso() };
  },
};
