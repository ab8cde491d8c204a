import { nowIso, providerRequest, withOverrides } from "../http";
import type { Provider } from "../types";
import { fromSubscriber } from "./subscriber";

/** Microsoft Teams incoming webhooks: https://learn.microsoft.com/microsoftteams/platform/webhooks-and-connectors */
export const msteams: Provider<"chat"> = {
  id: "msteams",
  channel: "chat",
  async send(message, _credentials, options) {
    await providerRequest(
      {
        providerId: "msteams",
        url: fromSubscriber("msteams", message, "webhookUrl"),
        body: withOverrides({ text: message.content }, options.overrides),
      },
      options,
    );
    return { id: options.idempotencyKey, date: nowIso() };
  },
};
