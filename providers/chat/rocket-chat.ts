import { nowIso, providerRequest, required, withOverrides } from "../http";
import { type Provider, ProviderError } from "../types";
import { fromSubscriber } from "./subscriber";

/**
 * Rocket.Chat REST chat.sendMessage (https://developer.rocket.chat/apidocs/send-message), as Novu maps it: the
 * workspace URL is the subscriber's webhookUrl (or credentials.baseUrl), the room id their channel, and the
 * integration's token / user are the X-Auth-Token / X-User-Id of the posting account.
 */
export const rocketChat: Provider<"chat"> = {
  id: "rocket-chat",
  channel: "chat",
  async send(message, credentials, options) {
    const { token, user } = required("rocket-chat", credentials, "token", "user");
    const base = credentials.baseUrl ?? fromSubscriber("rocket-chat", message, "webhookUrl");
    const response = await providerRequest(
      {
        providerId: "rocket-chat",
        url: `${base.replace(/\/+$/, "")}/api/v1/chat.sendMessage`,
        headers: { "x-auth-token": token, "x-user-id": user },
        body: withOverrides(
          { message: { rid: fromSubscriber("rocket-chat", message, "channel"), msg: message.content } },
          options.overrides,
        ),
      },
      options,
    );
    const result = (await response.json()) as {
      success: boolean;
      error?: string;
      message?: { _id: string; ts: string };
    };
    if (!result.success || !result.message) {
      throw new ProviderError(`rocket-chat: ${result.error ?? "message not sent"}`, {
        retryable: false,
        providerId: "rocket-chat",
      });
    }
    return { id: result.message._id, date: result.message.ts ?? nowIso() };
  },
};
