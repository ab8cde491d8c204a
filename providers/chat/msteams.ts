import { nowIso, providerRequest, withOverrides } from "../http";
import { type Provider, ProviderError } from "../types";

/** Microsoft Teams incoming webhooks: https://learn.microsoft.com/microsoftteams/platform/webhooks-and-connectors */
export const msteams: Provider<"chat"> = {
  id: "msteams",
  channel: "chat",
  async send(message, _credentials, options) {
    if (!message.webhookUrl) {
      throw new ProviderError("msteams: the subscriber has no webhook URL", {
        retryable: false,
        providerId: "msteams",
      });
    }
    await providerRequest(
      {
        providerId: "msteams",
        url: message.webhookUrl,
        body: withOverrides({ text: message.content }, options.overrides),
      },
      options,
    );
    return { id: options.idempotencyKey, date: nowIso() };
  },
};
