import { nowIso, providerRequest, required, withOverrides } from "../http";
import type { Provider } from "../types";
import { fromSubscriber } from "./subscriber";

/**
 * WhatsApp Business Cloud API, a text message to the subscriber's phone:
 * https://developers.facebook.com/docs/whatsapp/cloud-api/reference/messages (Graph v22.0, as Novu). Templates and
 * media go through overrides (e.g. `{ type: "template", template: {...} }`).
 */
export const whatsappBusiness: Provider<"chat"> = {
  id: "whatsapp-business",
  channel: "chat",
  async send(message, credentials, options) {
    const { apiToken, phoneNumberIdentification } = required(
      "whatsapp-business",
      credentials,
      "apiToken",
      "phoneNumberIdentification",
    );
    const response = await providerRequest(
      {
        providerId: "whatsapp-business",
        url: `${credentials.baseUrl ?? "https://graph.facebook.com/v22.0"}/${phoneNumberIdentification}/messages`,
        headers: { authorization: `Bearer ${apiToken}` },
        body: withOverrides(
          {
            messaging_product: "whatsapp",
            recipient_type: "individual",
            to: fromSubscriber("whatsapp-business", message, "phone"),
            type: "text",
            text: { body: message.content, preview_url: false },
          },
          options.overrides,
        ),
      },
      options,
    );
    const { messages } = (await response.json()) as { messages: Array<{ id: string }> };
    return { id: messages[0]?.id ?? options.idempotencyKey, date: nowIso() };
  },
};
