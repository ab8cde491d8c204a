import type { DomainRouteRow, DomainRow } from "../../db/schema";
import type { TestRouteInput } from "../domain-ops.schemas";

export type MailAddress = { address: string; name: string };

/** A received email, parsed: what webhook routes post and agent routes are handed. */
export type InboundMail = {
  from: MailAddress[];
  to: MailAddress[];
  cc: MailAddress[];
  subject: string;
  text: string;
  html: string;
  /** Lower-case names; a repeated header keeps its first value. */
  headers: Record<string, string>;
  messageId: string;
  inReplyTo?: string;
  references?: string[];
  /** ISO-8601. */
  date: string;
  /** Described, not carried: their content stays out of webhook bodies. */
  attachments: Array<{ filename: string; contentType: string; size: number }>;
};

/** The body of an `email.received` event, in Novu's shape: which domain and route took the mail, and the mail. */
export function webhookPayload(domain: DomainRow, route: DomainRouteRow, mail: InboundMail) {
  return {
    domain: { id: domain.id, name: domain.name, data: domain.data ?? {} },
    route: { address: route.address, data: route.data ?? {} },
    mail,
  };
}
export type WebhookPayload = ReturnType<typeof webhookPayload>;

/** The synthetic email `routes.test` sends through a route, addressed to `<address>@<domain>`. */
export function testMail(input: TestRouteInput, to: string): InboundMail {
  const messageId = `<novu-test-${crypto.randomUUID()}@${to.split("@")[1] ?? "localhost"}>`;
  const date = new Date();
  return {
    from: [{ address: input.from.address, name: input.from.name ?? "" }],
    to: [{ address: to, name: "" }],
    cc: [],
    subject: input.subject,
    text: input.text ?? "",
    html: input.html ?? "",
    headers: {
      from: input.from.name ? `"${input.from.name}" <${input.from.address}>` : input.from.address,
      to,
      subject: input.subject,
      "message-id": messageId,
      date: date.toUTCString(),
      "mime-version": "1.0",
      "content-type": input.html ? "text/html; charset=utf-8" : "text/plain; charset=utf-8",
    },
    messageId,
    date: date.toISOString(),
    attachments: [],
  };
}
