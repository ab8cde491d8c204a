import { nowIso, providerRequest, required, withOverrides } from "../http";
import type { Provider } from "../types";

/** SparkPost Transmissions (US or EU): https://developers.sparkpost.com/api/transmissions/ */
export const sparkpost: Provider<"email"> = {
  id: "sparkpost",
  channel: "email",
  async send(message, credentials, options) {
    const { apiKey, from } = required("sparkpost", credentials, "apiKey", "from");
    const host =
      credentials.baseUrl ??
      (credentials.region?.toLowerCase() === "eu"
        ? "https://api.eu.sparkpost.com"
        : "https://api.sparkpost.com");
    const body = withOverrides(
      {
        recipients: message.to.map((address) => ({ address })),
        content: {
          from: { email: message.from?.email ?? from, name: message.from?.name ?? credentials.senderName },
          subject: message.subject,
          html: message.html,
          ...(message.text ? { text: message.text } : {}),
          ...(message.replyTo ? { reply_to: message.replyTo } : {}),
          ...(message.headers ? { headers: message.headers } : {}),
          ...(message.attachments?.length
            ? {
                attachments: message.attachments.map((a) => ({
                  name: a.name,
                  type: a.mime,
                  data: a.content,
                })),
              }
            : {}),
        },
        metadata: { novuMessageId: options.idempotencyKey },
      },
      options.overrides,
    );
    const response = await providerRequest(
      {
        providerId: "sparkpost",
        url: `${host}/api/v1/transmissions`,
        headers: { authorization: apiKey },
        body,
      },
      options,
    );
    const { results } = (await response.json()) as { results: { id: string } };
    return { id: results.id, date: nowIso() };
  },
};
