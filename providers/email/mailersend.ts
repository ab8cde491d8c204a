import { nowIso, providerRequest, required, withOverrides } from "../http";
import type { Provider } from "../types";

/** MailerSend: https://developers.mailersend.com/api/v1/email.html#send-an-email (202 with `X-Message-Id`). */
export const mailersend: Provider<"email"> = {
  id: "mailersend",
  channel: "email",
  async send(message, credentials, options) {
    const { apiKey, from } = required("mailersend", credentials, "apiKey", "from");
    const body = withOverrides(
      {
        from: { email: message.from?.email ?? from, name: message.from?.name ?? credentials.senderName },
        to: message.to.map((email) => ({ email })),
        ...(message.cc?.length ? { cc: message.cc.map((email) => ({ email })) } : {}),
        ...(message.bcc?.length ? { bcc: message.bcc.map((email) => ({ email })) } : {}),
        ...(message.replyTo ? { reply_to: { email: message.replyTo } } : {}),
        subject: message.subject,
        html: message.html,
        ...(message.text ? { text: message.text } : {}),
        ...(message.attachments?.length
          ? {
              attachments: message.attachments.map((a) => ({
                filename: a.name,
                content: a.content,
                disposition: a.disposition ?? "attachment",
              })),
            }
          : {}),
      },
      options.overrides,
    );
    const response = await providerRequest(
      {
        providerId: "mailersend",
        url: `${credentials.baseUrl ?? "https://api.mailersend.com"}/v1/email`,
        headers: { authorization: `Bearer ${apiKey}` },
        body,
      },
      options,
    );
    return { id: response.headers.get("x-message-id") ?? options.idempotencyKey, date: nowIso() };
  },
};
