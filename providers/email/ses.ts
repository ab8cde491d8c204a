import { awsSignedHeaders } from "../aws";
import { fromHeader, nowIso, providerRequest, required, withOverrides } from "../http";
import type { Provider } from "../types";

/** Amazon SES v2 SendEmail (simple content): https://docs.aws.amazon.com/ses/latest/APIReference-V2/API_SendEmail.html */
export const ses: Provider<"email"> = {
  id: "ses",
  channel: "email",
  async send(message, credentials, options) {
    const keys = required("ses", credentials, "apiKey", "secretKey", "region", "from");
    const body = withOverrides(
      {
        FromEmailAddress: fromHeader(message, credentials, keys.from),
        Destination: {
          ToAddresses: message.to,
          CcAddresses: message.cc ?? [],
          BccAddresses: message.bcc ?? [],
        },
        ...(message.replyTo ? { ReplyToAddresses: [message.replyTo] } : {}),
        Content: {
          Simple: {
            Subject: { Data: message.subject, Charset: "UTF-8" },
            Body: {
              Html: { Data: message.html, Charset: "UTF-8" },
              ...(message.text ? { Text: { Data: message.text, Charset: "UTF-8" } } : {}),
            },
          },
        },
        EmailTags: [
          { Name: "novu_message_id", Value: options.idempotencyKey.replace(/[^A-Za-z0-9_-]/g, "_") },
        ],
      },
      options.overrides,
    );
    const url = `${credentials.baseUrl ?? `https://email.${keys.region}.amazonaws.com`}/v2/email/outbound-emails`;
    const headers = await awsSignedHeaders({ ...credentials, ...keys }, "ses", {
      url,
      body: JSON.stringify(body),
      contentType: "application/json",
    });
    const response = await providerRequest({ providerId: "ses", url, headers, body }, options);
    const { MessageId } = (await response.json()) as { MessageId: string };
    return { id: MessageId, date: nowIso() };
  },
};
