import { nowIso, providerRequest, required, withOverrides } from "../http";
import type { Provider } from "../types";

/** Telnyx Messaging: https://developers.telnyx.com/api/messaging/send-message */
export const telnyx: Provider<"sms"> = {
  id: "telnyx",
  channel: "sms",
  async send(message, credentials, options) {
    const { apiKey } = required("telnyx", credentials, "apiKey");
    const body = withOverrides(
      {
        to: message.to,
        text: message.content,
        ...(credentials.messageProfileId
          ? { messaging_profile_id: credentials.messageProfileId }
          : { from: message.from ?? credentials.from }),
      },
      options.overrides,
    );
    const response = await providerRequest(
      {
        providerId: "telnyx",
        url: `${credentials.baseUrl ?? "https://api.telnyx.com"}/v2/messages`,
        headers: { authorization: `Bearer ${apiKey}` },
        body,
      },
      options,
    );
    const { data } = (await response.json()) as { data: { id: string; received_at?: string } };
    return { id: data.id, date: data.received_at ?? nowIso() };
  },
};
