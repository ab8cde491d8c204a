import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, inject, it, vi } from "vitest";
import { database } from "../../src/db/client";
import { messages } from "../../src/db/schema";
import type { ReceivedMail } from "../../test/support/smtp-server";
import { api, createTenant } from "../../test/worker/fixtures";
import { ProviderError } from "../types";
import { nodemailer } from "./nodemailer";

const port = String(inject("smtpPort"));
const inbox = inject("smtpInbox");
const smtp = { host: "127.0.0.1", port, secure: "false", user: "novu", password: "smtp-secret" };

async function receivedBy(address: string): Promise<ReceivedMail[]> {
  return (await fetch(`${inbox}/messages?to=${encodeURIComponent(address)}`)).json();
}

/** The header block of a raw message, folded lines joined, as name (lower case) → value. */
function headersOf(raw: string): Record<string, string> {
  const block = raw.slice(0, raw.indexOf("\r\n\r\n")).replace(/\r\n[ \t]+/g, " ");
  return Object.fromEntries(
    block.split("\r\n").map((line) => {
      const colon = line.indexOf(":");
      return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()];
    }),
  );
}

/** The decoded body of the MIME part with this content type. */
function partOf(raw: string, contentType: string): string | undefined {
  const start = raw.indexOf(`Content-Type: ${contentType}`);
  if (start < 0) return undefined;
  const body = raw.slice(raw.indexOf("\r\n\r\n", start) + 4);
  const encoded = body.slice(0, body.indexOf("\r\n--"));
  return encoded
    .replace(/\r\n$/, "")
    .replace(/=\r\n/g, "")
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

const unique = (name: string) => `${name}-${crypto.randomUUID().slice(0, 8)}`;

describe("nodemailer (custom SMTP over cloudflare:sockets)", () => {
  it("delivers to a real SMTP server: authenticated envelope, headers and both bodies", async () => {
    const to = `${unique("ada")}@example.com`;
    const hidden = `${unique("audit")}@example.com`;
    const result = await nodemailer.send(
      {
        to: [to],
        cc: ["cc@example.com"],
        bcc: [hidden],
        subject: "Order A-1 shipped",
        html: '<p>Thanks <b>Ada</b> &mdash; see <a href="https://acme.io/o?id=1">order</a></p>',
        text: "Thanks Ada",
        replyTo: "support@acme.io",
        headers: { "X-Campaign": "shipping" },
        attachments: [{ name: "receipt.txt", mime: "text/plain", content: btoa("paid") }],
      },
      { ...smtp, from: "shop@acme.io", senderName: "Acme Shop" },
      { idempotencyKey: "msg-smtp-1" },
    );
    expect(result.id).toBe("<msg-smtp-1@acme.io>");

    const [mail, ...others] = await receivedBy(to);
    expect(others).toEqual([]);
    expect(mail?.user).toBe("novu");
    expect(mail?.envelope).toEqual({ from: "shop@acme.io", to: [to, hidden, "cc@example.com"] });
    const headers = headersOf(mail?.raw ?? "");
    expect(headers).toMatchObject({
      from: '"Acme Shop" <shop@acme.io>',
      to,
      cc: "cc@example.com",
      "reply-to": "support@acme.io",
      subject: "Order A-1 shipped",
      "message-id": "<msg-smtp-1@acme.io>",
      "x-campaign": "shipping",
    });
    // Blind copies travel in the envelope only.
    expect(headers.bcc).toBeUndefined();
    expect(mail?.raw).not.toContain(hidden.split("@")[0]);
    expect(partOf(mail?.raw ?? "", "text/html")).toBe(
      '<p>Thanks <b>Ada</b> &mdash; see <a href="https://acme.io/o?id=1">order</a></p>',
    );
    expect(partOf(mail?.raw ?? "", "text/plain")).toBe("Thanks Ada");
    expect(mail?.raw).toContain('Content-Disposition: attachment; filename="receipt.txt"');
    expect(mail?.raw).toContain(btoa("paid"));
  });

  it("lets the message's own sender win over the integration's", async () => {
    const to = `${unique("ops")}@example.com`;
    await nodemailer.send(
      { to: [to], subject: "Hi", html: "<p>Hi</p>", from: { email: "ops@acme.io", name: "Ops" } },
      { ...smtp, from: "shop@acme.io", senderName: "Acme Shop" },
      { idempotencyKey: "msg-ops" },
    );
    const [mail] = await receivedBy(to);
    expect(mail?.envelope.from).toBe("ops@acme.io");
    expect(headersOf(mail?.raw ?? "")).toMatchObject({
      from: '"Ops" <ops@acme.io>',
      "message-id": "<msg-ops@acme.io>",
    });
  });

  it("fails permanently on a wrong or missing login and on a refused recipient (550), sending nothing", async () => {
    const to = `${unique("nobody")}@example.com`;
    const badLogin = nodemailer.send(
      { to: [to], subject: "x", html: "x" },
      { ...smtp, password: "wrong", from: "shop@acme.io" },
      { idempotencyKey: "m" },
    );
    await expect(badLogin).rejects.toBeInstanceOf(ProviderError);
    await expect(badLogin).rejects.toMatchObject({ details: { status: 535, retryable: false } });

    const refused = nodemailer.send(
      { to: ["someone@reject.test"], subject: "x", html: "x" },
      { ...smtp, from: "shop@acme.io" },
      { idempotencyKey: "m" },
    );
    await expect(refused).rejects.toMatchObject({ details: { status: 550, retryable: false } });
    await expect(refused).rejects.toThrow(/No such user/);

    // The server offers AUTH and the integration has no login: a configuration error no retry will fix.
    const anonymous = nodemailer.send(
      { to: [to], subject: "x", html: "x" },
      { host: "127.0.0.1", port, from: "shop@acme.io" },
      { idempotencyKey: "m" },
    );
    await expect(anonymous).rejects.toMatchObject({ details: { retryable: false } });
    expect(await receivedBy(to)).toEqual([]);
    expect(await receivedBy("someone@reject.test")).toEqual([]);
  });

  it("retries what may pass later: a 451 reply and a refused connection", async () => {
    const busy = nodemailer.send(
      { to: ["someone@busy.test"], subject: "x", html: "x" },
      { ...smtp, from: "shop@acme.io" },
      { idempotencyKey: "m" },
    );
    await expect(busy).rejects.toMatchObject({ details: { status: 451, retryable: true } });

    const closed = nodemailer.send(
      { to: ["a@example.com"], subject: "x", html: "x" },
      { host: "127.0.0.1", port: "1", from: "shop@acme.io" },
      { idempotencyKey: "m" },
    );
    await expect(closed).rejects.toMatchObject({ details: { retryable: true } });
  });

  it("fails permanently without a host or with an invalid port, connecting nowhere", async () => {
    const message = { to: ["a@example.com"], subject: "x", html: "x" };
    await expect(
      nodemailer.send(message, { from: "shop@acme.io" }, { idempotencyKey: "m" }),
    ).rejects.toMatchObject({ details: { retryable: false }, message: expect.stringMatching(/host/) });
    await expect(
      nodemailer.send(
        message,
        { host: "127.0.0.1", port: "70000", from: "f@acme.io" },
        { idempotencyKey: "m" },
      ),
    ).rejects.toMatchObject({ details: { retryable: false } });
  });
});

describe("a custom SMTP integration through the DELIVERIES queue", { timeout: 20_000 }, () => {
  it("delivers a triggered email step to the SMTP server and records it as sent with its Message-ID", async () => {
    const tenant = await createTenant();
    const server = api(tenant);
    const created = await server("/v1/integrations", {
      method: "POST",
      body: {
        providerId: "nodemailer",
        channel: "email",
        active: true,
        credentials: { ...smtp, secure: false, from: "shop@acme.io", senderName: "Acme" },
      },
    });
    expect(created.status).toBe(201);
    await server("/v2/workflows", {
      method: "POST",
      body: {
        name: "Receipt",
        workflowId: "receipt",
        steps: [
          {
            name: "Email",
            type: "email",
            controlValues: { subject: "Order {{payload.id}}", body: "<p>Hi {{subscriber.firstName}}</p>" },
          },
        ],
      },
    });
    const to = `${unique("grace")}@example.com`;
    const trigger = await server("/v1/events/trigger", {
      method: "POST",
      body: {
        name: "receipt",
        to: { subscriberId: "grace", email: to, firstName: "Grace" },
        payload: { id: "B-7" },
      },
    });
    expect(trigger.status).toBe(201);

    const [mail] = await vi.waitFor(
      async () => {
        const mails = await receivedBy(to);
        expect(mails).toHaveLength(1);
        return mails;
      },
      { timeout: 10_000, interval: 100 },
    );
    expect(headersOf(mail?.raw ?? "")).toMatchObject({
      from: '"Acme" <shop@acme.io>',
      to,
      subject: "Order B-7",
    });
    expect(partOf(mail?.raw ?? "", "text/html")).toBe("<p>Hi Grace</p>");
    const row = await vi.waitFor(
      async () => {
        const [sent] = await database(env)
          .select()
          .from(messages)
          .where(eq(messages.environmentId, tenant.environmentId));
        expect(sent?.status).toBe("sent");
        return sent;
      },
      { timeout: 5_000, interval: 100 },
    );
    expect(row).toMatchObject({
      providerId: "nodemailer",
      providerMessageId: headersOf(mail?.raw ?? "")["message-id"],
    });
  });
});
