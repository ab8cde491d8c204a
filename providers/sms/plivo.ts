import { nowIso, providerRequest, required, withOverrides } from "../http";
import type { Provider } from "../types";

/** Plivo Message API: https://www.plivo.com/docs/messaging/api/message/send-a-message */
export const plivo: Provider<"sms"> = {
  id: "plivo",
  channel: "sms",
  async send(message, credentials, options) {
    const { accountSid, token } = required("plivo", credentials, "accountSid", "token");
    const response = await providerRequest(
      {
        providerId: "plivo",
        url: `${credentials.baseUrl ?? "https://api.plivo.com"}/v1/Account/${accountSid}/Message/`,
        headers: { authorization: `Basic ${btoa(`${accountSid}:${token}`)}` },
        body: withOverrides(
          { src: message.from ?? credentials.from, dst: message.to, text: message.content },
          options.overrides,
        ),
      },
      options,
    );
    const { message_uuid } = (await response.json()) as { message_uuid: string[] };
    return { id: message_uuid[0] ?? options.idempotencyKey, date: nowIso() };
  },
};
