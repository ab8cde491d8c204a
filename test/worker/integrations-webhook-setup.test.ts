import { describe, expect, it } from "vitest";
import { api, call, createTenant, providerPath } from "./fixtures";

type Integration = { _id: string; identifier: string };
type AutoConfigured = {
  success: boolean;
  message?: string;
  integration?: { configurations: Record<string, unknown>; credentials: Record<string, unknown> };
};

async function integration(
  server: ReturnType<typeof api>,
  body: Record<string, unknown>,
): Promise<Integration> {
  const res = await server("/v1/integrations", { method: "POST", body });
  expect(res.status).toBe(201);
  return (await res.json<{ data: Integration }>()).data;
}

async function autoConfigure(server: ReturnType<typeof api>, id: string) {
  const res = await server(`/v1/integrations/${id}/auto-configure`, { method: "POST" });
  expect(res.status).toBe(200);
  return (await res.json<{ data: AutoConfigured }>()).data;
}

describe("POST /v1/integrations/{integrationId}/auto-configure", () => {
  it("registers our inbound webhook URL with SendGrid, Postmark, Resend and Mailgun", async () => {
    const tenant = await createTenant();
    const server = api(tenant);
    const inbound = (id: string) =>
      `http://api.test/v2/inbound-webhooks/delivery-providers/${tenant.environmentId}/${id}`;

    const sendgridHost = providerPath("sendgrid");
    const sendgrid = await integration(server, {
      providerId: "sendgrid",
      channel: "email",
      credentials: { apiKey: "SG.key", baseUrl: sendgridHost.baseUrl },
    });
    const outcome = await autoConfigure(server, sendgrid._id);
    expect(outcome).toMatchObject({
      success: true,
      integration: { configurations: { inboundWebhookEnabled: true }, credentials: {} },
    });
    const [settings] = await sendgridHost.requests();
    expect(settings).toMatchObject({ method: "PATCH", headers: { authorization: "Bearer SG.key" } });
    expect(settings?.path).toMatch(/\/v3\/user\/webhooks\/event\/settings$/);
    expect(JSON.parse(settings?.body ?? "{}")).toMatchObject({
      enabled: true,
      url: inbound(sendgrid._id),
      delivered: true,
      open: true,
      bounce: true,
    });
    // Stored: the integration now says its events arrive.
    const listed = await (await server("/v1/integrations")).json<{
      data: Array<{ _id: string; configurations: Record<string, unknown> }>;
    }>();
    expect(listed.data.find((i) => i._id === sendgrid._id)?.configurations).toEqual({
      inboundWebhookEnabled: true,
    });

    const postmarkHost = providerPath("postmark");
    const postmark = await integration(server, {
      providerId: "postmark",
      channel: "email",
      credentials: { apiKey: "pm-token", baseUrl: postmarkHost.baseUrl },
    });
    expect((await autoConfigure(server, postmark._id)).success).toBe(true);
    const [hook] = await postmarkHost.requests();
    expect(hook).toMatchObject({ method: "POST", headers: { "x-postmark-server-token": "pm-token" } });
    expect(JSON.parse(hook?.body ?? "{}")).toMatchObject({
      Url: inbound(postmark._id),
      Triggers: { Delivery: { Enabled: true }, Open: { Enabled: true } },
    });

    const resendHost = providerPath("resend");
    await resendHost.script("/webhooks", [
      { status: 201, body: JSON.stringify({ object: "webhook", id: "wh_1", signing_secret: "whsec_abc" }) },
    ]);
    const resend = await integration(server, {
      providerId: "resend",
      channel: "email",
      credentials: { apiKey: "re_key", baseUrl: resendHost.baseUrl },
    });
    expect((await autoConfigure(server, resend._id)).integration?.configurations).toEqual({
      inboundWebhookEnabled: true,
      inboundWebhookSigningKey: "whsec_abc",
    });
    expect(JSON.parse((await resendHost.requests())[0]?.body ?? "{}")).toMatchObject({
      endpoint: inbound(resend._id),
      events: expect.arrayContaining(["email.delivered", "email.opened"]),
    });

    // Mailgun: one webhook per event type; one that already exists is updated instead.
    const mailgunHost = providerPath("mailgun");
    const hooks = "/v3/domains/mg.acme.io/webhooks";
    await mailgunHost.script(hooks, [
      { status: 200 },
      { status: 400, body: '{"message":"Webhook already exists"}' },
    ]);
    const mailgun = await integration(server, {
      providerId: "mailgun",
      channel: "email",
      credentials: { apiKey: "mg-key", domain: "mg.acme.io", baseUrl: mailgunHost.baseUrl },
    });
    expect((await autoConfigure(server, mailgun._id)).success).toBe(true);
    const mailgunCalls = await mailgunHost.requests();
    expect(mailgunCalls[0]).toMatchObject({
      method: "POST",
      headers: { authorization: `Basic ${btoa("api:mg-key")}` },
    });
    expect(Object.fromEntries(new URLSearchParams(mailgunCalls[0]?.body))).toEqual({
      id: "accepted",
      url: inbound(mailgun._id),
    });
    expect(mailgunCalls[2]).toMatchObject({ method: "PUT" });
    expect(mailgunCalls[2]?.path).toMatch(/\/webhooks\/delivered$/);
    expect(mailgunCalls.filter((r) => r.method === "POST")).toHaveLength(8);
  });

  it("answers success: false when the provider refuses or cannot be configured, and 404 for unknown ids", async () => {
    const server = api(await createTenant());
    const host = providerPath("sendgrid-refuses");
    await host.script("/v3/user/webhooks/event/settings", [{ status: 401, body: '{"errors":["bad key"]}' }]);
    const refused = await integration(server, {
      providerId: "sendgrid",
      channel: "email",
      credentials: { apiKey: "bad", baseUrl: host.baseUrl },
    });
    const outcome = await autoConfigure(server, refused._id);
    expect(outcome.success).toBe(false);
    expect(outcome.message).toMatch(/^Auto-configuration failed: .*401/);
    const unchanged = await (await server("/v1/integrations")).json<{
      data: Array<{ configurations: unknown }>;
    }>();
    expect(unchanged.data[0]?.configurations).toEqual({});

    const noKey = await integration(server, { providerId: "postmark", channel: "email" });
    expect(await autoConfigure(server, noKey._id)).toEqual({
      success: false,
      message: "Auto-configuration failed: missing credential apiKey",
    });
    const twilio = await integration(server, { providerId: "twilio", channel: "sms" });
    expect(await autoConfigure(server, twilio._id)).toEqual({
      success: false,
      message: "Auto-configuration is not supported for provider: twilio",
    });

    const missing = await server("/v1/integrations/000000000000000000000000/auto-configure", {
      method: "POST",
    });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ statusCode: 404 });
    const stranger = api(await createTenant());
    expect((await stranger(`/v1/integrations/${twilio._id}/auto-configure`, { method: "POST" })).status).toBe(
      404,
    );
    expect((await call(`/v1/integrations/${twilio._id}/auto-configure`, { method: "POST" })).status).toBe(
      401,
    );
  });
});

describe("Telegram webhook configure and mobile link", () => {
  it("registers our webhook with the bot, stores its secret and accepts only updates carrying it", async () => {
    const tenant = await createTenant();
    const server = api(tenant);
    const host = providerPath("telegram");
    await host.script("/bot123:abc/setWebhook", [{ status: 200, body: '{"ok":true,"result":true}' }]);
    await host.script("/bot123:abc/getMe", [
      { status: 200, body: '{"ok":true,"result":{"username":"AcmeBot"}}' },
    ]);
    await integration(server, {
      providerId: "telegram",
      channel: "chat",
      identifier: "tg",
      credentials: { apiToken: "123:abc", baseUrl: host.baseUrl },
    });
    const res = await server("/v1/integrations/tg/webhook/configure", { method: "POST" });
    expect(res.status).toBe(200);
    const webhookPath = `/v1/integrations/webhook/${tenant.environmentId}/tg`;
    const { data } = await res.json<{
      data: { webhookUrl: string; configuredAt: string; botUsername: string };
    }>();
    expect(data).toMatchObject({ webhookUrl: `http://api.test${webhookPath}`, botUsername: "AcmeBot" });
    expect(Number.isNaN(Date.parse(data.configuredAt))).toBe(false);
    const [setWebhook] = await host.requests();
    const registered = JSON.parse(setWebhook?.body ?? "{}") as { url: string; secret_token: string };
    expect(registered).toMatchObject({ url: data.webhookUrl, allowed_updates: ["message"] });
    expect(registered.secret_token).toMatch(/^[0-9a-f]{64}$/);

    const update = { update_id: 1, message: { chat: { id: 5 }, text: "hi" } };
    const post = (headers: Record<string, string>) =>
      call(webhookPath, { method: "POST", body: update, headers });
    const accepted = await post({ "x-telegram-bot-api-secret-token": registered.secret_token });
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toEqual({});
    expect((await post({ "x-telegram-bot-api-secret-token": "guess" })).status).toBe(401);
    expect((await post({})).status).toBe(401);
    expect(
      (await call(`/v1/integrations/webhook/${tenant.environmentId}/nope`, { method: "POST", body: update }))
        .status,
    ).toBe(404);
  });

  it("refuses other providers, a missing bot token, Telegram's refusal and unknown identifiers", async () => {
    const server = api(await createTenant());
    const host = providerPath("telegram-refuses");
    await host.script("/bot9:x/setWebhook", [
      { status: 400, body: '{"ok":false,"description":"bad webhook"}' },
    ]);
    await integration(server, {
      providerId: "telegram",
      channel: "chat",
      identifier: "tg",
      credentials: { apiToken: "9:x", baseUrl: host.baseUrl },
    });
    await integration(server, { providerId: "telegram", channel: "chat", identifier: "tg-empty" });
    await integration(server, { providerId: "slack", channel: "chat", identifier: "sl" });
    const configure = async (identifier: string) => {
      const res = await server(`/v1/integrations/${identifier}/webhook/configure`, { method: "POST" });
      return { status: res.status, body: await res.json<{ statusCode: number; message: string }>() };
    };
    expect(await configure("tg")).toMatchObject({
      status: 502,
      body: { message: "Telegram rejected the webhook registration: bad webhook" },
    });
    expect((await configure("tg-empty")).status).toBe(422);
    expect(await configure("sl")).toMatchObject({
      status: 400,
      body: { message: "Integration is not a Telegram provider" },
    });
    expect((await configure("nope")).status).toBe(404);

    const mobile = async (identifier: string, body: unknown = {}) => {
      const res = await server(`/v1/integrations/${identifier}/mobile-link`, { method: "POST", body });
      return { status: res.status, body: await res.json<{ message: string }>() };
    };
    expect(await mobile("tg", { subscriberId: "ada" })).toMatchObject({
      status: 404,
      body: { message: "This Telegram integration is not linked to any agent." },
    });
    expect(await mobile("sl")).toMatchObject({
      status: 400,
      body: { message: "Mobile setup link is only available for Telegram integrations." },
    });
    expect((await mobile("nope")).status).toBe(404);
    expect((await mobile("tg", { subscriberId: 7 })).status).toBe(422);
  });
});
