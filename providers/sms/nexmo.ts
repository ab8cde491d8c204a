import { nowIso, providerRequest, required } from "../http";
import { type Provider, ProviderError } from "../types";

type Answer = { messages: Array<{ status: string; "message-id"?: string; "error-text"?: string }> };

/** Vonage (Nexmo) SMS API: https://developer.vonage.com/en/api/sms — a 200 whose message status is not "0" failed. */
export const nexmo: Provider<"sms"> = {
  id: "nexmo",
  channel: "sms",
  async send(message, credentials, options) {
    const { apiKey, secretKey } = required("nexmo", credentials, "apiKey", "secretKey");
    const form = new URLSearchParams({
      api_key: apiKey,
      api_secret: secretKey,
      to: message.to.replace(/^\+/, ""),
      from: message.from ?? credentials.from ?? "Novu",
      text: message.content,
      "client-ref": options.idempotencyKey,
    });
    const response = await providerRequest(
      { providerId: "nexmo", url: `${credentials.baseUrl ?? "https://rest.nexmo.com"}/sms/json`, body: form },
      options,
    );
    const [sent] = ((await response.json()) as Answer).messages;
    if (sent?.status !== "0" || !sent["message-id"]) {
      // Status 1 is Vonage's throttling; everything else is final.
      throw new ProviderError(`nexmo: ${sent?.["error-text"] ?? "no message id"}`, {
        retryable: sent?.status === "1",
        providerId: "nexmo",
      });
    }
    return { id: sent["message-id"], date: nowIso() };
  },
};
