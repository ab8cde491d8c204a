import { chatProviders } from "./chat";
import { emailWebhook } from "./email/email-webhook";
import { mailgun } from "./email/mailgun";
import { postmark } from "./email/postmark";
import { resend } from "./email/resend";
import { sendgrid } from "./email/sendgrid";
import { ses } from "./email/ses";
import { pushProviders } from "./push";
import { sns } from "./sms/sns";
import { twilio } from "./sms/twilio";
import type { DeliveryChannel, Provider } from "./types";

const byId = <C extends DeliveryChannel>(providers: Provider<C>[]) =>
  Object.fromEntries(providers.map((p) => [p.id, p]));

const registry: { [C in DeliveryChannel]: Record<string, Provider<C>> } = {
  email: byId([sendgrid, resend, postmark, mailgun, ses, emailWebhook]),
  sms: byId([twilio, sns]),
  push: pushProviders,
  chat: chatProviders,
};

/** The adapter for an integration's provider on a channel, if this platform has one. */
export function providerFor<C extends DeliveryChannel>(
  channel: C,
  providerId: string,
): Provider<C> | undefined {
  return registry[channel][providerId];
}
