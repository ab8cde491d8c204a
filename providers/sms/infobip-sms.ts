import { nowIso, providerRequest, required, withOverrides } from "../http";
import type { Provider } from "../types";

/** Infobip SMS: https://www.infobip.com/docs/api/channels/sms/sms-messaging/outbound-sms/send-sms-message */
export const infobipSms: Provider<"sms"> = {
  id: "infobip-sms",
  channel: "sms",
  async send(message, credentials, options) {
    const { apiKey, baseUrl } = required("infobip-sms", credentials, "apiKey", "baseUrl");
    const response = await providerRequest(
      {
        providerId: "infobip-sms",
        url: `${baseUrl.startsWith("http") ? baseUrl : `https://${baseUrl}`}/sms/2/text/advanced`,
        headers: { authorization: `App ${apiKey}`, accept: "application/json" },
        body: {
          messages: [
            withOverrides(
              {
                from: message.from ?? credentials.from,
                destinations: [{ to: message.to, messageId: options.idempotencyKey }],
                text: message.content,
              },
              options.overrides,
            ),
          ],
        },
      },
      options,
    );
    const { messages } = (await response.json()) as { messages: Array<{ messageId: string }> };
    return { id: messages[0]?.messageId ?? options.idempotencyKey, date: nowIso() };
  },
};
