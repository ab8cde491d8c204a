import { nowIso, providerRequest, required, withOverrides } from "../http";
import type { Provider } from "../types";

/** Sinch SMS REST API (batches): https://developers.sinch.com/docs/sms/api-reference/sms/tag/Batches/ */
export const sinch: Provider<"sms"> = {
  id: "sinch",
  channel: "sms",
  async send(message, credentials, options) {
    const { accountSid, apiKey } = required("sinch", credentials, "accountSid", "apiKey");
    const host =
      credentials.baseUrl ?? `https://${credentials.region === "eu" ? "eu" : "us"}.sms.api.sinch.com`;
    const response = await providerRequest(
      {
        providerId: "sinch",
        url: `${host}/xms/v1/${accountSid}/batches`,
        headers: { authorization: `Bearer ${apiKey}` },
        body: withOverrides(
          {
            from: message.from ?? credentials.from,
            to: [message.to],
            body: message.content,
            client_reference: options.idempotencyKey,
          },
          options.overrides,
        ),
      },
      options,
    );
    const { id, created_at } = (await response.json()) as { id: string; created_at?: string };
    return { id, date: created_at ?? nowIso() };
  },
};
