import { nowIso, providerRequest, required } from "../http";
import type { Provider } from "../types";

/** Twilio Messages: https://www.twilio.com/docs/messaging/api/message-resource#create-a-message-resource */
export const twilio: Provider<"sms"> = {
  id: "twilio",
  channel: "sms",
  async send(message, credentials, options) {
    const { accountSid, token } = required("twilio", credentials, "accountSid", "token");
    const form = new URLSearchParams({ To: message.to, Body: message.content });
    const from = message.from ?? credentials.from;
    // A Messaging Service SID (MG…) routes through Twilio's sender pool instead of a fixed number.
    if (from?.startsWith("MG")) form.set("MessagingServiceSid", from);
    else if (from) form.set("From", from);
    for (const [field, value] of Object.entries(options.overrides ?? {})) form.set(field, String(value));
    const response = await providerRequest(
      {
        providerId: "twilio",
        url: `${credentials.baseUrl ?? "https://api.twilio.com"}/2010-04-01/Accounts/${accountSid}/Messages.json`,
        headers: {
          authorization: `Basic ${btoa(`${accountSid}:${token}`)}`,
          "i-twilio-idempotency-token": options.idempotencyKey,
        },
        body: form,
      },
      options,
    );
    const { sid, date_created } = (await response.json()) as { sid: string; date_created?: string };
    return { id: sid, date: date_created ? new Date(date_created).toISOString() : nowIso() };
  },
};
