import { nowIso, providerRequest, required } from "../http";
import { type Provider, ProviderError } from "../types";

type Answer = {
  SMSMessageData: { Message: string; Recipients: Array<{ messageId: string; status: string }> };
};

/** Africa's Talking SMS: https://developers.africastalking.com/docs/sms/sending/bulk */
export const africasTalking: Provider<"sms"> = {
  id: "africas-talking",
  channel: "sms",
  async send(message, credentials, options) {
    const { apiKey, user } = required("africas-talking", credentials, "apiKey", "user");
    const sandbox = user === "sandbox";
    const host =
      credentials.baseUrl ??
      (sandbox ? "https://api.sandbox.africastalking.com" : "https://api.africastalking.com");
    const form = new URLSearchParams({ username: user, to: message.to, message: message.content });
    const from = message.from ?? credentials.from;
    if (from) form.set("from", from);
    const response = await providerRequest(
      {
        providerId: "africas-talking",
        url: `${host}/version1/messaging`,
        headers: { apikey: apiKey, accept: "application/json" },
        body: form,
      },
      options,
    );
    const answer = (await response.json()) as Answer;
    const [recipient] = answer.SMSMessageData.Recipients;
    if (recipient?.status !== "Success") {
      throw new ProviderError(`africas-talking: ${recipient?.status ?? answer.SMSMessageData.Message}`, {
        retryable: false,
        providerId: "africas-talking",
      });
    }
    return { id: recipient.messageId, date: nowIso() };
  },
};
