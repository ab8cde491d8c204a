import type { Provider } from "../types";
import { chatWebhook } from "./chat-webhook";
import { discord } from "./discord";
import { mattermost } from "./mattermost";
import { msteams } from "./msteams";
import { rocketChat } from "./rocket-chat";
import { slack } from "./slack";
import { telegram } from "./telegram";
import { whatsappBusiness } from "./whatsapp-business";
import { zulip } from "./zulip";

/** Every chat adapter, keyed by Novu's provider id. */
export const chatProviders: Record<string, Provider<"chat">> = Object.fromEntries(
  [slack, discord, msteams, mattermost, telegram, whatsappBusiness, zulip, rocketChat, chatWebhook].map(
    (p) => [p.id, p],
  ),
);
