import { nowIso, providerRequest, withOverrides } from "../http";
import { type Provider, ProviderError } from "../types";

/** Discord webhooks (`?wait=true` returns the created message): https://discord.com/developers/docs/resources/webhook */
export const discord: Provider<"chat"> = {
  id: "discord",
  channel: "chat",
  async send(message, _credentials, options) {
    if (!message.webhookUrl) {
      throw new ProviderError("discord: the subscriber has no webhook URL", {
        retryable: false,
        providerId: "discord",
      });
    }
    const url = new URL(message.webhookUrl);
    url.searchParams.set("wait", "true");
    const response = await providerRequest(
      {
        providerId: "discord",
        url: url.toString(),
        body: withOverrides({ content: message.content }, options.overrides),
      },
      options,
    );
    const { id, timestamp } = (await response.json()) as { id: string; timestamp?: string };
    return { id, date: timestamp ?? nowIso() };
  },
};
