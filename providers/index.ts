import { chatWebhook } from "./chat/chat-webhook";
import { discord } from "./chat/discord";
import { msteams } from "./chat/msteams";
import { slack } from "./chat/slack";
import { emailWebhook } from "./email/email-webhook";
import { mailgun } from "./email/mailgun";
import { postmark } from "./email/postmark";
import { resend } from "./email/resend";
import { sendgrid } from "./email/sendgrid";
import { ses } from "./email/ses";
import { expo } from "./push/expo";
import { fcm } from "./push/fcm";
import { pushWebhook } from "./push/push-webhook";
import { sns } from "./sms/sns";
import { twilio } from "./sms/twilio";
import type { DeliveryChannel, Provider } from "./types";

const byChannel = <C extends DeliveryChannel>(...providers: Provider<C>[]) =>
  Object.fromEntries(providers.map((p) => [p.id, p as unknown as Provider])) as Record<string, Provider>;

const registry: Record<DeliveryChannel, Record<string, Provider>> = {
  email: byChannel(sendgrid, resend, postmark, mailgun, ses, emailWebhook),
  sms: byChannel(twilio, sns),
  push: byChannel(fcm, expo, pushWebhook),
  chat: byChannel(slack, discord, msteams, chatWebhook),
};

/** The adapter for an integration's provider on a channel, if this platform has one. */
export function providerFor(channel: DeliveryChannel, providerId: string): Provider | undefined {
  return registry[channel][providerId];
}
