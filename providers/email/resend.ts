import { fromHeader, nowIso, providerRequest, required, withOverrides } from "../http";
import type { Provider } from "../types";

/** Resend: https://resend.com/docs/api-reference/emails/send-email */
export const resend: Provider<"email"> = {
  id: "resend",
  channel: "email",
  async send(message, credentials, options) {
    const { apiKey, from } = required("resend", credentials, "apiKey", "from");
    const body = withOverrides(
      {
        from: fromHeader(message, credentials, from),
        to: message.to,
        subject: message.subject,
        html: message.html,
        ...(message.text ? { text: message.text } : {}),
        ...(message.cc?.length ? { cc: message.cc } : {}),
        ...(message.bcc?.length ? { bcc: message.bcc } : {}),
        ...(message.replyTo ? { reply_to: message.replyTo } : {}),
        ...(message.headers ? { headers: message.headers } : {}),
        ...(message.attachments?.length
          ? {
              attachments: message.attachments.map((a) => ({
                filename: a.name,
                content: a.content,
                content_type: a.mime,
              })),
            }
          : {}),
      },
      options.overrides,
    );
    const response = await providerRequest(
      {
        providerId: "resend",
        url: `${credentials.baseUrl ?? "https://api.resend.com"}/emails`,
        headers: { authorization: `Bearer ${apiKey}`, "idempotency-key": options.idempotencyKey },
        body,
      },
      options,
    );
    const { id } = (await response.json()) as { id: string };
    return { id, date: nowIso() };
  },
};
