import { nowIso, providerRequest, required, withOverrides } from "../http";
import type { Provider } from "../types";

/** MessageBird SMS: https://developers.messagebird.com/api/sms-messaging/#send-outbound-sms */
export const messagebird: Provider<"sms"> = {
  id: "messagebird",
  channel: "sms",
  async send(message, credentials, options) {
    const { accessKey } = required("messagebird", credentials, "accessKey");
    const response = await providerRequest(
      {
        providerId: "messagebird",
        url: `${credentials.baseUrl ?? "https://rest.messagebird.com"}/messages`,
        headers: { authorization: `AccessKey ${accessKey}` },
        body: withOverrides(
          {
            originator: message.from ?? credentials.from ?? "Novu",
            recipients: [message.to],
            body: message.content,
            reference: options.idempotencyKey,
          },
          options.overrides,
        ),
      },
      options,
    );
    const { id, createdDatetime } = (await response.json()) as { id: string; createdDatetime?: string };
    return { id, date: createdDatetime ?? nowIso() };
  },
};
