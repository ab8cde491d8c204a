import type { IntegrationCredentials } from "./integration.schemas";

/** What auto-configure records on the integration (Novu's `ConfigurationsDto`). */
export type WebhookConfigurations = { inboundWebhookEnabled: true; inboundWebhookSigningKey?: string };

type Registrar = (credentials: IntegrationCredentials, url: string) => Promise<WebhookConfigurations>;

async function call(url: string, init: RequestInit): Promise<Response> {
  const response = await fetch(url, init);
  if (response.ok) return response;
  const text = await response.text();
  throw new Error(`${new URL(url).host} answered ${response.status}: ${text.slice(0, 500)}`);
}

function need<K extends keyof IntegrationCredentials>(credentials: IntegrationCredentials, key: K): string {
  const value = credentials[key];
  if (typeof value !== "string" || value === "") throw new Error(`missing credential ${key}`);
  return value;
}

const json = (body: unknown, headers: Record<string, string>, method = "POST"): RequestInit => ({
  method,
  headers: { "content-type": "application/json", accept: "application/json", ...headers },
  body: JSON.stringify(body),
});

/** The Mailgun event types whose payloads src/inbound-webhooks/provider-events.ts reads. */
const mailgunEvents = [
  "accepted",
  "delivered",
  "opened",
  "clicked",
  "complained",
  "unsubscribed",
  "permanent_fail",
  "temporary_fail",
];

/**
 * Each provider's API for pointing its delivery-event webhook at a URL, limited to the events our inbound webhook
 * understands. Providers not listed have no such API (or none we call) and are not auto-configurable.
 */
const registrars: Record<string, Registrar> = {
  // https://www.twilio.com/docs/sendgrid/api-reference/webhooks/update-event-notification-settings
  sendgrid: async (credentials, url) => {
    await call(
      `${credentials.baseUrl ?? "https://api.sendgrid.com"}/v3/user/webhooks/event/settings`,
      json(
        {
          enabled: true,
          url,
          processed: true,
          delivered: true,
          deferred: true,
          bounce: true,
          dropped: true,
          open: true,
          click: true,
          spam_report: true,
          unsubscribe: true,
          group_unsubscribe: true,
          group_resubscribe: false,
        },
        { authorization: `Bearer ${need(credentials, "apiKey")}` },
        "PATCH",
      ),
    );
    return { inboundWebhookEnabled: true };
  },
  // https://postmarkapp.com/developer/webhooks/webhooks-overview (Webhooks API: create a webhook)
  postmark: async (credentials, url) => {
    const enabled = { Enabled: true };
    await call(
      `${credentials.baseUrl ?? "https://api.postmarkapp.com"}/webhooks`,
      json(
        {
          Url: url,
          MessageStream: "outbound",
          Triggers: {
            Delivery: enabled,
            Bounce: { Enabled: true, IncludeContent: false },
            SpamComplaint: { Enabled: true, IncludeContent: false },
            Open: { Enabled: true, PostFirstOpenOnly: false },
            Click: enabled,
            SubscriptionChange: enabled,
          },
        },
        { "x-postmark-server-token": need(credentials, "apiKey") },
      ),
    );
    return { inboundWebhookEnabled: true };
  },
  // https://resend.com/docs/api-reference/webhooks/create-webhook: answers the signing secret of the new webhook.
  resend: async (credentials, url) => {
    const response = await call(
      `${credentials.baseUrl ?? "https://api.resend.com"}/webhooks`,
      json(
        {
          endpoint: url,
          events: [
            "email.sent",
            "email.delivered",
            "email.delivery_delayed",
            "email.bounced",
            "email.complained",
            "email.opened",
            "email.clicked",
            "email.failed",
          ],
        },
        { authorization: `Bearer ${need(credentials, "apiKey")}` },
      ),
    );
    const { signing_secret } = (await response.json()) as { signing_secret?: string };
    return {
      inboundWebhookEnabled: true,
      ...(signing_secret ? { inboundWebhookSigningKey: signing_secret } : {}),
    };
  },
  // https://documentation.mailgun.com/docs/mailgun/api-reference/send/mailgun/webhooks: one webhook per event type;
  // an event that already has one is updated to our URL instead.
  mailgun: async (credentials, url) => {
    const host =
      credentials.baseUrl ??
      (credentials.region?.toLowerCase() === "eu" ? "https://api.eu.mailgun.net" : "https://api.mailgun.net");
    const base = `${host}/v3/domains/${encodeURIComponent(need(credentials, "domain"))}/webhooks`;
    const authorization = `Basic ${btoa(`${credentials.user ?? "api"}:${need(credentials, "apiKey")}`)}`;
    for (const id of mailgunEvents) {
      const created = await fetch(base, {
        method: "POST",
        headers: { authorization },
        body: new URLSearchParams({ id, url }),
      });
      if (created.ok) continue;
      if (created.status !== 400 && created.status !== 409) {
        throw new Error(
          `${new URL(base).host} answered ${created.status}: ${(await created.text()).slice(0, 500)}`,
        );
      }
      await call(`${base}/${id}`, {
        method: "PUT",
        headers: { authorization },
        body: new URLSearchParams({ url }),
      });
    }
    return { inboundWebhookEnabled: true };
  },
};

/** Registers `url` with the provider; `undefined` when the provider cannot be configured this way. */
export async function registerDeliveryWebhook(
  providerId: string,
  credentials: IntegrationCredentials,
  url: string,
): Promise<WebhookConfigurations | undefined> {
  const register = registrars[providerId];
  return register ? register(credentials, url) : undefined;
}
