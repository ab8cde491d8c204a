import { nowIso, providerRequest, required, withOverrides } from "../http";
import type { Provider } from "../types";

/** SendGrid v3 Mail Send: https://www.twilio.com/docs/sendgrid/api-reference/mail-send/mail-send */
export const sendgrid: Provider<"email"> = {
  id: "sendgrid",
  channel: "email",
  async send(message, credentials, options) {
    const { apiKey, from } = required("sendgrid", credentials, "apiKey", "from");
    const body = withOverrides(
      {
        personalizations: [
          {
            to: message.to.map((email) => ({ email })),
            ...(message.cc?.length ? { cc: message.cc.map((email) => ({ email })) } : {}),
            ...(message.bcc?.length ? { bcc: message.bcc.map((email) => ({ email })) } : {}),
          },
        ],
        from: { email: message.from?.email ?? from, name: message.from?.name ?? credentials.senderName },
        ...(message.replyTo ? { reply_to: { email: message.replyTo } } : {}),
        subject: message.subject,
        content: [
          ...(message.text ? [{ type: "text/plain", value: message.text }] : []),
          { type: "text/html", value: message.html },
        ],
        ...(message.attachments?.length
          ? {
              attachments: message.attachments.map((a) => ({
                content: a.content,
                filename: a.name,
                type: a.mime,
                disposition: a.disposition ?? "attachment",
                ...(a.cid ? { content_id: a.cid } : {}),
              })),
            }
          : {}),
        ...(message.headers ? { headers: message.headers } : {}),
        custom_args: { novu_message_id: options.idempotencyKey },
        ...(credentials.ipPoolName ? { ip_pool_name: credentials.ipPoolName } : {}),
      },
      options.overrides,
    );
    const response = await providerRequest(
      {
        providerId: "sendgrid",
        url: `${credentials.baseUrl ?? "https://api.sendgrid.com"}/v3/mail/send`,
        headers: { authorization: `Bearer ${apiKey}` },
        body,
      },
      options,
    );
    return { id: response.headers.get("x-message-id") ?? options.idempotencyKey, date: nowIso() };
  },
};
