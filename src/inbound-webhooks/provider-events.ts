/**
 * What delivery providers post to their event webhooks, read into one shape. Each parser follows the provider's
 * documented webhook payload; statuses are Novu's `EventBody.status` values.
 */
export type ProviderEvent = {
  /** The provider's id for the message, as its send API returned it. */
  externalId?: string;
  /** Our message id, when the provider echoes data we attached at send time (SendGrid custom args). */
  messageId?: string;
  status: string;
  date: string;
  raw: unknown;
};

type Parser = (body: unknown) => ProviderEvent[];
type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null;
const text = (value: unknown) => (typeof value === "string" && value !== "" ? value : undefined);
const fromSeconds = (value: unknown) =>
  typeof value === "number" ? new Date(value * 1000).toISOString() : new Date().toISOString();
const isoOr = (value: unknown) => {
  const parsed = typeof value === "string" ? Date.parse(value) : Number.NaN;
  return Number.isNaN(parsed) ? new Date().toISOString() : new Date(parsed).toISOString();
};
/** Mailgun and SMTP ids travel with angle brackets in one place and without in another. */
const bare = (id: string | undefined) => id?.replace(/^<|>$/g, "");
const list = (body: unknown): Json[] => (Array.isArray(body) ? body : [body]).filter(isObject);

function mapped(statuses: Record<string, string>, value: unknown): string | undefined {
  return typeof value === "string" ? statuses[value] : undefined;
}

const sendgridStatuses: Record<string, string> = {
  processed: "sent",
  delivered: "delivered",
  deferred: "deferred",
  bounce: "bounced",
  dropped: "dropped",
  open: "opened",
  click: "clicked",
  spamreport: "spam",
  unsubscribe: "unsubscribed",
  group_unsubscribe: "unsubscribed",
};

const postmarkStatuses: Record<string, string> = {
  Delivery: "delivered",
  Bounce: "bounced",
  Open: "opened",
  Click: "clicked",
  SpamComplaint: "spam",
  SubscriptionChange: "unsubscribed",
};

const resendStatuses: Record<string, string> = {
  "email.sent": "sent",
  "email.delivered": "delivered",
  "email.delivery_delayed": "delayed",
  "email.bounced": "bounced",
  "email.complained": "complaint",
  "email.opened": "opened",
  "email.clicked": "clicked",
  "email.failed": "failed",
};

const mailgunStatuses: Record<string, string> = {
  accepted: "accepted",
  delivered: "delivered",
  opened: "opened",
  clicked: "clicked",
  complained: "complaint",
  unsubscribed: "unsubscribed",
};

const twilioStatuses: Record<string, string> = {
  queued: "queued",
  sending: "sending",
  sent: "sent",
  delivered: "delivered",
  undelivered: "undelivered",
  failed: "failed",
};

export const providerEventParsers: Record<string, Parser> = {
  // An array of events; `sg_message_id` starts with the X-Message-Id of the send, and custom args come back as fields.
  sendgrid: (body) =>
    list(body).flatMap((event) => {
      const status = mapped(sendgridStatuses, event.event);
      if (!status) return [];
      return [
        {
          externalId: text(event.sg_message_id)?.split(".")[0],
          messageId: text(event.novu_message_id),
          status,
          date: fromSeconds(event.timestamp),
          raw: event,
        },
      ];
    }),
  postmark: (body) =>
    list(body).flatMap((event) => {
      const status = mapped(postmarkStatuses, event.RecordType);
      if (!status) return [];
      const at = event.DeliveredAt ?? event.BouncedAt ?? event.ReceivedAt ?? event.ChangedAt;
      return [{ externalId: text(event.MessageID), status, date: isoOr(at), raw: event }];
    }),
  resend: (body) =>
    list(body).flatMap((event) => {
      const status = mapped(resendStatuses, event.type);
      const data = isObject(event.data) ? event.data : {};
      if (!status) return [];
      return [{ externalId: text(data.email_id), status, date: isoOr(event.created_at), raw: event }];
    }),
  mailgun: (body) =>
    list(body).flatMap((event) => {
      const data = isObject(event["event-data"]) ? event["event-data"] : {};
      const failed = data.event === "failed";
      const status = failed
        ? data.severity === "temporary"
          ? "deferred"
          : "bounced"
        : mapped(mailgunStatuses, data.event);
      if (!status) return [];
      const message = isObject(data.message) ? data.message : {};
      const headers = isObject(message.headers) ? message.headers : {};
      return [
        {
          externalId: bare(text(headers["message-id"])),
          status,
          date: fromSeconds(data.timestamp),
          raw: event,
        },
      ];
    }),
  // Status callbacks arrive form-encoded; the route hands them over as an object.
  twilio: (body) =>
    list(body).flatMap((event) => {
      const status = mapped(twilioStatuses, event.MessageStatus ?? event.SmsStatus);
      if (!status) return [];
      return [
        {
          externalId: text(event.MessageSid ?? event.SmsSid),
          status,
          date: new Date().toISOString(),
          raw: event,
        },
      ];
    }),
};
