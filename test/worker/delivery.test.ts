import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { database } from "../../src/db/client";
import { messages } from "../../src/db/schema";
import { api, createTenant, providerPath } from "./fixtures";

async function emailSetup(integrations: Array<Record<string, unknown>>) {
  const tenant = await createTenant();
  const server = api(tenant);
  for (const body of integrations) {
    expect((await server("/v1/integrations", { method: "POST", body })).status).toBe(201);
  }
  await server("/v2/workflows", {
    method: "POST",
    body: {
      name: "Receipt",
      workflowId: "receipt",
      steps: [
        {
          name: "Email",
          type: "email",
          controlValues: { subject: "Order {{payload.id}}", body: "<p>Thanks {{subscriber.firstName}}</p>" },
        },
      ],
    },
  });
  const trigger = (to: unknown) =>
    server("/v1/events/trigger", { method: "POST", body: { name: "receipt", to, payload: { id: "A-1" } } });
  return { tenant, trigger };
}

const messagesOf = (environmentId: string) =>
  database(env).select().from(messages).where(eq(messages.environmentId, environmentId));

describe("email delivery through the DELIVERIES queue", { timeout: 20_000 }, () => {
  it("sends the rendered email to the primary integration's provider and records it as sent", async () => {
    const sendgrid = providerPath("sendgrid");
    await sendgrid.script("/v3/mail/send", [{ status: 202, headers: { "x-message-id": "sg-42" } }]);
    const { tenant, trigger } = await emailSetup([
      {
        providerId: "sendgrid",
        channel: "email",
        active: true,
        credentials: { apiKey: "SG.k", from: "shop@acme.io", baseUrl: sendgrid.baseUrl },
      },
    ]);
    expect((await trigger({ subscriberId: "ada", email: "ada@example.com", firstName: "Ada" })).status).toBe(
      201,
    );

    await vi.waitFor(async () => expect((await messagesOf(tenant.environmentId))[0]?.status).toBe("sent"), {
      timeout: 10_000,
      interval: 100,
    });
    const [request] = await sendgrid.requests();
    expect(request).toMatchObject({ method: "POST", headers: { authorization: "Bearer SG.k" } });
    expect(JSON.parse(request?.body ?? "")).toMatchObject({
      personalizations: [{ to: [{ email: "ada@example.com" }] }],
      from: { email: "shop@acme.io" },
      subject: "Order A-1",
      content: [{ type: "text/html", value: "<p>Thanks Ada</p>" }],
    });
    expect((await messagesOf(tenant.environmentId))[0]).toMatchObject({
      providerId: "sendgrid",
      providerMessageId: "sg-42",
      attempts: 1,
    });
  });

  it("retries 5xx and 429 answers, then delivers exactly once", async () => {
    const sendgrid = providerPath("sendgrid");
    await sendgrid.script("/v3/mail/send", [
      { status: 500 },
      { status: 429, headers: { "retry-after": "0" } },
      { status: 202 },
    ]);
    const { tenant, trigger } = await emailSetup([
      {
        providerId: "sendgrid",
        channel: "email",
        active: true,
        credentials: { apiKey: "k", from: "f@acme.io", baseUrl: sendgrid.baseUrl },
      },
    ]);
    await trigger({ subscriberId: "s", email: "s@example.com" });
    await vi.waitFor(async () => expect((await messagesOf(tenant.environmentId))[0]?.status).toBe("sent"), {
      timeout: 15_000,
      interval: 100,
    });
    expect(await sendgrid.requests()).toHaveLength(3);
    expect((await messagesOf(tenant.environmentId))[0]?.attempts).toBe(3);
  });

  it("moves to the fallback integration when the primary fails for good", async () => {
    const primary = providerPath("sendgrid");
    const fallback = providerPath("sendgrid-fallback");
    await primary.script("/v3/mail/send", [{ status: 401, body: '{"errors":[{"message":"bad key"}]}' }]);
    const { tenant, trigger } = await emailSetup([
      {
        providerId: "sendgrid",
        channel: "email",
        active: true,
        credentials: { apiKey: "bad", from: "f@acme.io", baseUrl: primary.baseUrl },
      },
      {
        providerId: "sendgrid",
        channel: "email",
        active: true,
        fallback: true,
        credentials: { apiKey: "good", from: "f@acme.io", baseUrl: fallback.baseUrl },
      },
    ]);
    await trigger({ subscriberId: "s", email: "s@example.com" });
    await vi.waitFor(async () => expect((await messagesOf(tenant.environmentId))[0]?.status).toBe("sent"), {
      timeout: 10_000,
      interval: 100,
    });
    expect(await primary.requests()).toHaveLength(1);
    expect((await fallback.requests())[0]?.headers.authorization).toBe("Bearer good");
  });

  it("records a permanent failure with the provider's reason when there is no fallback", async () => {
    const sendgrid = providerPath("sendgrid");
    await sendgrid.script("/v3/mail/send", [
      { status: 400, body: '{"errors":[{"message":"invalid from"}]}' },
    ]);
    const { tenant, trigger } = await emailSetup([
      {
        providerId: "sendgrid",
        channel: "email",
        active: true,
        credentials: { apiKey: "k", from: "f@acme.io", baseUrl: sendgrid.baseUrl },
      },
    ]);
    await trigger({ subscriberId: "s", email: "s@example.com" });
    await vi.waitFor(async () => expect((await messagesOf(tenant.environmentId))[0]?.status).toBe("error"), {
      timeout: 10_000,
      interval: 100,
    });
    expect((await messagesOf(tenant.environmentId))[0]?.errorText).toContain("invalid from");
    expect(await sendgrid.requests()).toHaveLength(1);
  });

  it("skips the step for a subscriber without an email address, sending nothing", async () => {
    const sendgrid = providerPath("sendgrid");
    const { tenant, trigger } = await emailSetup([
      {
        providerId: "sendgrid",
        channel: "email",
        active: true,
        credentials: { apiKey: "k", from: "f@acme.io", baseUrl: sendgrid.baseUrl },
      },
    ]);
    expect((await trigger("no-email")).status).toBe(201);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await sendgrid.requests()).toHaveLength(0);
    expect(await messagesOf(tenant.environmentId)).toHaveLength(0);
  });
});

describe("push and chat delivery", { timeout: 20_000 }, () => {
  it("sends chat to the subscriber's webhook and push through every active integration", async () => {
    const tenant = await createTenant();
    const server = api(tenant);
    const chatHook = providerPath("slack-hook");
    const pushHook = providerPath("push-hook");
    const expoHost = providerPath("expo");
    await expoHost.script("/--/api/v2/push/send", [
      { status: 200, body: '{"data":[{"status":"ok","id":"ticket-1"}]}' },
    ]);
    for (const body of [
      { providerId: "slack", channel: "chat", active: true },
      { providerId: "expo", channel: "push", active: true, credentials: { baseUrl: expoHost.baseUrl } },
      {
        providerId: "push-webhook",
        channel: "push",
        active: true,
        credentials: { webhookUrl: `${pushHook.baseUrl}/push` },
      },
    ]) {
      expect((await server("/v1/integrations", { method: "POST", body })).status).toBe(201);
    }
    await server("/v2/workflows", {
      method: "POST",
      body: {
        name: "Alert",
        workflowId: "alert",
        steps: [
          { name: "Chat", type: "chat", controlValues: { body: "Build {{payload.build}} failed" } },
          {
            name: "Push",
            type: "push",
            controlValues: { subject: "Build", body: "{{payload.build}} failed" },
          },
        ],
      },
    });
    await server("/v1/events/trigger", {
      method: "POST",
      body: {
        name: "alert",
        to: {
          subscriberId: "dev",
          channels: [
            { providerId: "slack", credentials: { webhookUrl: `${chatHook.baseUrl}/services/T/B` } },
            { providerId: "expo", credentials: { deviceTokens: ["ExponentPushToken[x]"] } },
          ],
        },
        payload: { build: "#42" },
      },
    });
    await vi.waitFor(
      async () => {
        const sends = await messagesOf(tenant.environmentId);
        expect(sends.map((m) => [m.channel, m.providerId, m.status]).sort()).toEqual([
          ["chat", "slack", "sent"],
          ["push", "expo", "sent"],
          ["push", "push-webhook", "error"],
        ]);
      },
      { timeout: 15_000, interval: 200 },
    );
    expect(JSON.parse((await chatHook.requests())[0]?.body ?? "")).toEqual({ text: "Build #42 failed" });
    expect(JSON.parse((await expoHost.requests())[0]?.body ?? "")).toMatchObject([
      { to: "ExponentPushToken[x]", body: "#42 failed" },
    ]);
    // push-webhook has no device token for this subscriber, so that integration records why it could not send.
    expect(
      (await messagesOf(tenant.environmentId)).find((m) => m.providerId === "push-webhook")?.errorText,
    ).toBe("Subscriber does not have a configured channel");
  });
});
