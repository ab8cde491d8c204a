import { nowIso, providerRequest, required, withOverrides } from "../http";
import { type Provider, ProviderError } from "../types";

type SendResult = {
  Messages: Array<{
    Status: string;
    To?: Array<{ MessageID: number | string }>;
    Errors?: Array<{ ErrorMessage: string }>;
  }>;
};

/** Mailjet Send API v3.1 (basic auth `apiKey:secretKey`): https://dev.mailjet.com/email/reference/send-emails */
export const mailjet: Provider<"email"> = {
  id: "mailjet",
  channel: "email",
  async send(message, credentials, options) {
    const { apiKey, secretKey, from } = required("mailjet", credentials, "apiKey", "secretKey", "from");
    const body = {
      Messages: [
        withOverrides(
          {
            From: { Email: message.from?.email ?? from, Name: message.from?.name ?? credentials.senderName },
            To: message.to.map((Email) => ({ Email })),
            ...(message.cc?.length ? { Cc: message.cc.map((Email) => ({ Email })) } : {}),
            ...(message.bcc?.length ? { Bcc: message.bcc.map((Email) => ({ Email })) } : {}),
            ...(message.replyTo ? { ReplyTo: { Email: message.replyTo } } : {}),
            Subject: message.subject,
            HTMLPart: message.html,
            ...(message.text ? { TextPart: message.text } : {}),
            CustomID: options.idempotencyKey,
            ...(message.attachments?.length
              ? {
                  Attachments: message.attachments.map((a) => ({
                    ContentType: a.mime,
                    Filename: a.name,
                    Base64Content: a.content,
                  })),
                }
              : {}),
          },
          options.overrides,
        ),
      ],
    };
    const response = await providerRequest(
      {
        providerId: "mailjet",
        url: `${credentials.baseUrl ?? "https://api.mailjet.com"}/v3.1/send`,
        headers: { authorization: `Basic ${btoa(`${apiKey}:${secretKey}`)}` },
        body,
      },
      options,
    );
    const [sent] = ((await response.json()) as SendResult).Messages;
    const id = sent?.To?.[0]?.MessageID;
    if (sent?.Status !== "success" || id === undefined) {
      const reason = sent?.Errors?.map((e) => e.ErrorMessage).join("; ") ?? "no message id";
      throw new ProviderError(`mailjet: ${reason}`, { retryable: false, providerId: "mailjet" });
    }
    return { id: String(id), date: nowIso() };
  },
};
