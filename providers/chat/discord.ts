import { nowIso, providerRequest, withOverrides } from "../http";
import type { Provider } from "../types";
import { fromSubscriber } from "./subscriber";

/** Discord webhooks (`?wait=true` returns the created message): https://discord.com/developers/docs/resources/webhook */
export const discord: Provider<"chat"> = {
  id: "discord",
  channel: "chat",
  async send(message, _credentials, options) {
    const url = new URL(fromSubscriber("discord", message, "webhookUrl"));
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
    return { id, date: timestamp ? new Date(timestamp).toISOString() : nowIso() };
  },
};
