import { nowIso, providerRequest, required, withOverrides } from "../http";
import type { Provider } from "../types";

/** Brevo (Sendinblue) transactional email: https://developers.brevo.com/reference/sendtransacemail */
export const sendinblue: Provider<"email"> = {
  id: "sendinblue",
  channel: "email",
  async send(message, credentials, options) {
    const { apiKey, from } = required("sendinblue", credentials, "apiKey", "from");
    const body = withOverrides(
      {
        sender: { email: message.from?.email ?? from, name: message.from?.name ?? credentials.senderName },
        to: message.to.map((email) => ({ email })),
        ...(message.cc?.length ? { cc: message.cc.map((email) => ({ email })) } : {}),
        ...(message.bcc?.length ? { bcc: message.bcc.map((email) => ({ email })) } : {}),
        ...(message.replyTo ? { replyTo: { email: message.replyTo } } : {}),
        subject: message.subject,
        htmlContent: message.html,
        ...(message.text ? { textContent: message.text } : {}),
        headers: { ...message.headers, "X-Mailin-custom": options.idempotencyKey },
        ...(message.attachments?.length
          ? { attachment: message.attachments.map((a) => ({ name: a.name, content: a.content })) }
          : {}),
      },
      options.overrides,
    );
    const response = await providerRequest(
      {
        providerId: "sendinblue",
        url: `${credentials.baseUrl ?? "https://api.brevo.com"}/v3/smtp/email`,
        headers: { "api-key": apiKey, accept: "application/json" },
        body,
      },
      options,
    );
    const { messageId } = (await response.json()) as { messageId: string };
    return { id: messageId, date: nowIso() };
  },
};
