import { type EmailOptions, LogLevel, WorkerMailer } from "worker-mailer";
import { nowIso, required, withOverrides } from "../http";
import { type Provider, ProviderError } from "../types";

const providerId = "nodemailer";

/**
 * What an SMTP failure means for a retry. The library reports the server's reply in its error text: 4xx replies are
 * transient by definition (RFC 5321 §4.2.1), 5xx are permanent, a missing auth method is a configuration error, and
 * anything without a reply (refused connection, TLS, timeout) is a network failure worth retrying.
 */
function classify(error: unknown): ProviderError {
  const text = error instanceof Error ? error.message : String(error);
  const replies = [...text.matchAll(/(?:^|\s)([2-5]\d\d)(?=[\s-]|$)/g)];
  const code = Number(replies.at(-1)?.[1] ?? 0);
  const misconfigured = /no credentials found|No supported auth method/i.test(text);
  return new ProviderError(`${providerId}: ${text}`, {
    ...(code ? { status: code } : {}),
    retryable: !misconfigured && (code === 0 || (code >= 400 && code < 500)),
    providerId,
  });
}

/**
 * Custom SMTP (Novu's `nodemailer` provider) over `cloudflare:sockets` through `worker-mailer`: Novu's credentials
 * `host`, `port`, `secure` (implicit TLS, else STARTTLS when offered unless `ignoreTls`), `user`, `password`, `from`,
 * `senderName`. The Message-ID is derived from the idempotency key, so a retried send carries the same id and a
 * receiving system can drop the duplicate.
 */
export const nodemailer: Provider<"email"> = {
  id: providerId,
  channel: "email",
  async send(message, credentials, options) {
    const { host, from } = required(providerId, credentials, "host", "from");
    const secure = credentials.secure === "true";
    const port = Number(credentials.port ?? (secure ? 465 : 587));
    if (!Number.isInteger(port) || port <= 0 || port > 65535) {
      throw new ProviderError(`${providerId}: invalid port ${credentials.port}`, {
        retryable: false,
        providerId,
      });
    }
    const sender = { email: message.from?.email ?? from, name: message.from?.name ?? credentials.senderName };
    const messageId = `<${options.idempotencyKey}@${sender.email.split("@").pop()}>`;
    const email = withOverrides(
      {
        from: sender,
        // The library writes every `bcc` address into a Bcc header; naming the To header ourselves and listing the
        // blind copies only as envelope recipients keeps them hidden, as SMTP intends.
        to: [...message.to, ...(message.bcc ?? [])],
        ...(message.cc?.length ? { cc: message.cc } : {}),
        ...(message.replyTo ? { reply: message.replyTo } : {}),
        subject: message.subject,
        html: message.html,
        ...(message.text ? { text: message.text } : {}),
        headers: { ...message.headers, To: message.to.join(", "), "Message-ID": messageId },
        ...(message.attachments?.length
          ? {
              attachments: message.attachments.map((a) => ({
                filename: a.name,
                content: a.content,
                mimeType: a.mime,
              })),
            }
          : {}),
      } satisfies EmailOptions,
      options.overrides,
    ) as EmailOptions;

    let mailer: WorkerMailer | undefined;
    try {
      mailer = await WorkerMailer.connect({
        host,
        port,
        secure,
        startTls: credentials.ignoreTls !== "true",
        ...(credentials.user
          ? {
              credentials: { username: credentials.user, password: credentials.password ?? "" },
              authType: ["plain", "login", "cram-md5"],
            }
          : {}),
        logLevel: LogLevel.NONE,
        socketTimeoutMs: 15_000,
        responseTimeoutMs: 15_000,
      });
      await mailer.send(email);
    } catch (error) {
      throw classify(error);
    } finally {
      await mailer?.close();
    }
    return { id: messageId, date: nowIso() };
  },
};
