import { nowIso, providerRequest, required, withOverrides } from "../http";
import type { Provider } from "../types";

/** Mailtrap Email Sending API: https://api-docs.mailtrap.io/docs/mailtrap-api-docs/ (Bearer token, `message_ids`). */
export const mailtrap: Provider<"email"> = {
  id: "mailtrap",
  channel: "email",
  async send(message, credentials, options) {
    const { apiKey, from } = required("mailtrap", credentials, "apiKey", "from");
    const body = withOverrides(
      {
        from: { email: message.from?.email ?? from, name: message.from?.name ?? credentials.senderName },
        to: message.to.map((email) => ({ email })),
        ...(message.cc?.length ? { cc: message.cc.map((email) => ({ email })) } : {}),
        ...(message.bcc?.length ? { bcc: message.bcc.map((email) => ({ email })) } : {}),
        subject: message.subject,
        html: message.html,
        ...(message.text ? { text: message.text } : {}),
        ...(message.headers ? { headers: message.headers } : {}),
        custom_variables: { novu_message_id: options.idempotencyKey },
        ...(message.attachments?.length
          ? {
              attachments: message.attachments.map((a) => ({
                filename: a.name,
                type: a.mime,
                content: a.content,
              })),
            }
          : {}),
      },
      options.overrides,
    );
    const response = await providerRequest(
      {
        providerId: "mailtrap",
        url: `${credentials.baseUrl ?? "https://send.api.mailtrap.io"}/api/send`,
        headers: { authorization: `Bearer ${apiKey}` },
        body,
      },
      options,
    );
    const { message_ids } = (await response.json()) as { message_ids: string[] };
    return { id: message_ids[0] ?? options.idempotencyKey, date: nowIso() };
  },
};
