import { chatProviders } from "./chat";
import { emailWebhook } from "./email/email-webhook";
import { mailersend } from "./email/mailersend";
import { mailgun } from "./email/mailgun";
import { mailjet } from "./email/mailjet";
import { mailtrap } from "./email/mailtrap";
import { nodemailer } from "./email/nodemailer";
import { postmark } from "./email/postmark";
import { resend } from "./email/resend";
import { sendgrid } from "./email/sendgrid";
import { sendinblue } from "./email/sendinblue";
import { ses } from "./email/ses";
import { sparkpost } from "./email/sparkpost";
import { pushProviders } from "./push";
import { africasTalking } from "./sms/africas-talking";
import { genericSms } from "./sms/generic-sms";
import { infobipSms } from "./sms/infobip-sms";
import { messagebird } from "./sms/messagebird";
import { nexmo } from "./sms/nexmo";
import { plivo } from "./sms/plivo";
import { sinch } from "./sms/sinch";
import { sns } from "./sms/sns";
import { telnyx } from "./sms/telnyx";
import { twilio } from "./sms/twilio";
import type { DeliveryChannel, Provider } from "./types";

const byId = <C extends DeliveryChannel>(providers: Provider<C>[]) =>
  Object.fromEntries(providers.map((p) => [p.id, p]));

const registry: { [C in DeliveryChannel]: Record<string, Provider<C>> } = {
  email: byId([
    sendgrid,
    resend,
    postmark,
    mailgun,
    ses,
    sendinblue,
    mailjet,
    sparkpost,
    mailersend,
    mailtrap,
    nodemailer,
    emailWebhook,
  ]),
  sms: byId([twilio, nexmo, plivo, sns, telnyx, sinch, messagebird, infobipSms, africasTalking, genericSms]),
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
