import { fromHeader, nowIso, providerRequest, required, withOverrides } from "../http";
import type { Provider } from "../types";

/** Postmark: https://postmarkapp.com/developer/api/email-api#send-a-single-email */
export const postmark: Provider<"email"> = {
  id: "postmark",
  channel: "email",
  async send(message, credentials, options) {
    const { apiKey, from } = required("postmark", credentials, "apiKey", "from");
    const body = withOverrides(
      {
        From: fromHeader(message, credentials, from),
        To: message.to.join(","),
        Subject: message.subject,
        HtmlBody: message.html,
        ...(message.text ? { TextBody: message.text } : {}),
        ...(message.cc?.length ? { Cc: message.cc.join(",") } : {}),
        ...(message.bcc?.length ? { Bcc: message.bcc.join(",") } : {}),
        ...(message.replyTo ? { ReplyTo: message.replyTo } : {}),
        Headers: Object.entries(message.headers ?? {}).map(([Name, Value]) => ({ Name, Value })),
        Metadata: { novuMessageId: options.idempotencyKey },
        ...(message.attachments?.length
          ? {
              Attachments: message.attachments.map((a) => ({
                Name: a.name,
                Content: a.content,
                ContentType: a.mime,
                ...(a.cid ? { ContentID: `cid:${a.cid}` } : {}),
              })),
            }
          : {}),
      },
      options.overrides,
    );
    const response = await providerRequest(
      {
        providerId: "postmark",
        url: `${credentials.baseUrl ?? "https://api.postmarkapp.com"}/email`,
        headers: { "x-postmark-server-token": apiKey, accept: "application/json" },
        body,
      },
      options,
    );
    const { MessageID, SubmittedAt } = (await response.json()) as { MessageID: string; SubmittedAt?: string };
    return { id: MessageID, date: SubmittedAt ?? nowIso() };
  },
};
