import { providerRequest, required, withOverrides } from "../http";
import type { Provider } from "../types";
import { fromSubscriber } from "./subscriber";

/** Telegram Bot API sendMessage (https://core.telegram.org/bots/api#sendmessage), bot token = credentials.apiToken. */
export const telegram: Provider<"chat"> = {
  id: "telegram",
  channel: "chat",
  async send(message, credentials, options) {
    const { apiToken } = required("telegram", credentials, "apiToken");
    const response = await providerRequest(
      {
        providerId: "telegram",
        url: `${credentials.baseUrl ?? "https://api.telegram.org"}/bot${apiToken}/sendMessage`,
        body: withOverrides(
          { chat_id: fromSubscriber("telegram", message, "channel"), text: message.content },
          options.overrides,
        ),
      },
      options,
    );
    const { result } = (await response.json()) as { result: { message_id: number; date: number } };
    return { id: String(result.message_id), date: new Date(result.date * 1000).toISOString() };
  },
};
