import { fromHeader, nowIso, providerRequest, required } from "../http";
import type { Provider } from "../types";

/**
 * Mailgun Messages API (form-encoded, basic auth `api:<key>`): https://documentation.mailgun.com/docs/mailgun/api-reference
 * `region: "eu"` selects the EU endpoint. Overrides become extra form fields (`o:tag`, `h:X-Header`, `v:var`, …).
 */
export const mailgun: Provider<"email"> = {
  id: "mailgun",
  channel: "email",
  async send(message, credentials, options) {
    const { apiKey, domain, from } = required("mailgun", credentials, "apiKey", "domain", "from");
    const host =
      credentials.baseUrl ??
      (credentials.region?.toLowerCase() === "eu" ? "https://api.eu.mailgun.net" : "https://api.mailgun.net");
    const form = new FormData();
    form.append("from", fromHeader(message, credentials, from));
    for (const to of message.to) form.append("to", to);
    for (const cc of message.cc ?? []) form.append("cc", cc);
    for (const bcc of message.bcc ?? []) form.append("bcc", bcc);
    form.append("subject", message.subject);
    form.append("html", message.html);
    if (message.text) form.append("text", message.text);
    if (message.replyTo) form.append("h:Reply-To", message.replyTo);
    for (const [header, value] of Object.entries(message.headers ?? {})) form.append(`h:${header}`, value);
    form.append("v:novu-message-id", options.idempotencyKey);
    for (const [field, value] of Object.entries(options.overrides ?? {})) form.append(field, String(value));
    for (const a of message.attachments ?? []) {
      const bytes = Uint8Array.from(atob(a.content), (c) => c.charCodeAt(0));
      form.append(
        a.disposition === "inline" ? "inline" : "attachment",
        new Blob([bytes], { type: a.mime }),
        a.name,
      );
    }
    const response = await providerRequest(
      {
        providerId: "mailgun",
        url: `${host}/v3/${domain}/messages`,
        headers: { authorization: `Basic ${btoa(`${credentials.user ?? "api"}:${apiKey}`)}` },
        body: form,
      },
      options,
    );
    const { id } = (await response.json()) as { id: string };
    return { id, date: nowIso() };
  },
};
