// Integrations through @novu/api: create (credentials masked), list, list active, update, set primary, delete; then
// bad input, unknown ids and another environment's key. An active email integration would change what every
// email step of the shared development environment does, so this file works in an environment of its own.

import type { Server } from "node:http";
import type { Novu } from "@novu/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RecordedRequest, startRecordingServer } from "../../support/recording-server";
import {
  apiUrl,
  expectNotFound,
  expectRawInvalid,
  isolatedEnvironment,
  production,
  rejection,
  uniqueId,
} from "./helpers";

const run = uniqueId("integrations");
let env: Awaited<ReturnType<typeof isolatedEnvironment>>;
let isolated: Novu;
let environmentId = "";
let environmentKey = "";

// Stands in for Slack's, SendGrid's and Telegram's API hosts (each integration's `baseUrl`), in this process.
let providers: { url: string; server: Server };

beforeAll(async () => {
  providers = await startRecordingServer();
  env = await isolatedEnvironment(run);
  ({ novu: isolated, id: environmentId, secretKey: environmentKey } = env);
});
afterAll(async () => {
  await env?.remove();
  providers?.server.closeAllConnections();
  await new Promise<void>((resolve) => (providers ? providers.server.close(() => resolve()) : resolve()));
});

/** A path prefix of its own on the recording host, as an integration's `baseUrl`. */
function providerHost(name: string) {
  const prefix = `/${run}-${name}`;
  return {
    baseUrl: `${providers.url}${prefix}`,
    script: (path: string, answers: Array<{ status: number; body?: string }>) =>
      fetch(`${providers.url}/__script`, {
        method: "POST",
        body: JSON.stringify({ path: `${prefix}${path}`, answers }),
      }),
    requests: async () =>
      (await (await fetch(`${providers.url}/__requests?prefix=${prefix}`)).json()) as RecordedRequest[],
  };
}

const authorizeParams = (url: string) => {
  const parsed = new URL(url);
  expect(`${parsed.origin}${parsed.pathname}`).toBe("https://slack.com/oauth/v2/authorize");
  return parsed.searchParams;
};

describe("integrations", () => {
  it("creates, lists, updates, sets primary and deletes integrations", async () => {
    const first = await isolated.integrations.create({
      providerId: "sendgrid",
      channel: "email",
      name: "SendGrid",
      identifier: `${run}-sendgrid`,
      active: true,
      credentials: { apiKey: "SG.super-secret-key-1234", from: "noreply@example.com", senderName: "Acme" },
    });
    expect(first.result).toMatchObject({
      providerId: "sendgrid",
      channel: "email",
      name: "SendGrid",
      identifier: `${run}-sendgrid`,
      active: true,
      primary: true,
      deleted: false,
      environmentId,
    });
    expect(first.result.id).toMatch(/^[0-9a-f]{24}$/);
    // Secrets never come back in full.
    expect(first.result.credentials?.apiKey).not.toContain("super-secret");
    expect(first.result.credentials?.from).toBe("noreply@example.com");

    const second = await isolated.integrations.create({
      providerId: "resend",
      channel: "email",
      name: "Resend",
      identifier: `${run}-resend`,
      active: true,
      credentials: { apiKey: "re_key" },
    });
    expect(second.result.primary).toBe(false);
    const inactive = await isolated.integrations.create({
      providerId: "twilio",
      channel: "sms",
      identifier: `${run}-twilio`,
      active: false,
    });
    expect(inactive.result).toMatchObject({ channel: "sms", active: false });

    const all = await isolated.integrations.list();
    expect(all.result.map((i) => i.identifier)).toEqual(
      expect.arrayContaining([`${run}-sendgrid`, `${run}-resend`, `${run}-twilio`]),
    );
    const active = await isolated.integrations.listActive();
    const activeIds = active.result.map((i) => i.identifier);
    expect(activeIds).toEqual(expect.arrayContaining([`${run}-sendgrid`, `${run}-resend`]));
    expect(activeIds).not.toContain(`${run}-twilio`);

    const updated = await isolated.integrations.update(
      {
        name: "Twilio SMS",
        active: true,
        credentials: { accountSid: "AC1", token: "tok-5678", from: "+15550100" },
      },
      inactive.result.id ?? "",
    );
    expect(updated.result).toMatchObject({ name: "Twilio SMS", active: true });
    expect(updated.result.credentials?.token).not.toBe("tok-5678");

    const primary = await isolated.integrations.setAsPrimary(second.result.id ?? "");
    expect(primary.result).toMatchObject({ identifier: `${run}-resend`, primary: true });
    const afterPrimary = await isolated.integrations.list();
    expect(afterPrimary.result.find((i) => i.identifier === `${run}-sendgrid`)?.primary).toBe(false);

    const remaining = await isolated.integrations.delete(first.result.id ?? "");
    expect(remaining.result.map((i) => i.identifier)).not.toContain(`${run}-sendgrid`);
  });

  it("binds subscriber push credentials to the environment's integration", async () => {
    const fcm = await isolated.integrations.create({
      providerId: "fcm",
      channel: "push",
      identifier: `${run}-fcm`,
      active: true,
    });
    await isolated.subscribers.create({ subscriberId: `${run}-phone` });
    const { result } = await isolated.subscribers.credentials.update(
      { providerId: "fcm", credentials: { deviceTokens: ["t1"] } },
      `${run}-phone`,
    );
    expect(result.channels?.[0]).toMatchObject({ providerId: "fcm", integrationId: fcm.result.id });
  });

  it("refuses bad input, unknown ids and another environment's key", async () => {
    const asIsolated = { secretKey: environmentKey };
    await expectRawInvalid("/v1/integrations", {
      ...asIsolated,
      body: { providerId: "sendgrid", channel: "fax" },
    });
    await expectRawInvalid("/v1/integrations", { ...asIsolated, body: { providerId: 7, channel: "email" } });
    await expectRawInvalid("/v1/integrations", { ...asIsolated, body: { channel: "email" } });

    const missing = "000000000000000000000000";
    await expectNotFound(isolated.integrations.update({ active: false }, missing));
    await expectNotFound(isolated.integrations.delete(missing));
    await expectNotFound(isolated.integrations.setAsPrimary(missing));

    const mine = await isolated.integrations.create({
      providerId: "mailgun",
      channel: "email",
      identifier: `${run}-mailgun`,
      active: false,
    });
    const id = mine.result.id ?? "";
    await expectNotFound(production.integrations.update({ active: true }, id));
    await expectNotFound(production.integrations.setAsPrimary(id));
    await expectNotFound(production.integrations.delete(id));
    expect((await production.integrations.list()).result.map((i) => i.id)).not.toContain(id);
    expect((await isolated.integrations.list()).result.find((i) => i.id === id)?.active).toBe(false);
  });

  it("runs Slack's OAuth: URLs for connect and link_user, then the callback stores the connection and the user", async () => {
    const slack = providerHost("slack");
    const identifier = `${run}-slack`;
    await isolated.integrations.create({
      providerId: "slack",
      channel: "chat",
      identifier,
      credentials: { clientId: "cid-conf", secretKey: "csecret-conf", baseUrl: slack.baseUrl },
    });
    const subscriberId = `${run}-ada`;
    await isolated.subscribers.create({ subscriberId });
    const callback = `${apiUrl}/v1/integrations/chat/oauth/callback`;

    const chat = await isolated.integrations.generateChatOAuthUrl({
      integrationIdentifier: identifier,
      subscriberId,
      connectionIdentifier: `${run}-conn`,
      scope: ["chat:write"],
      autoLinkUser: true,
    });
    const params = authorizeParams(chat.result.url);
    expect(Object.fromEntries(params)).toMatchObject({
      client_id: "cid-conf",
      scope: "chat:write",
      redirect_uri: callback,
    });
    await slack.script("/api/oauth.v2.access", [
      {
        status: 200,
        body: JSON.stringify({
          ok: true,
          access_token: "xoxb-conf",
          team: { id: "T-CONF", name: "Conformance" },
          authed_user: { id: "U-CONF" },
        }),
      },
    ]);
    const landed = await fetch(
      `${callback}?${new URLSearchParams({ code: "code-1", state: params.get("state") ?? "" })}`,
    );
    expect(landed.status).toBe(200);
    const [exchange] = await slack.requests();
    expect(Object.fromEntries(new URLSearchParams(exchange?.body))).toEqual({
      code: "code-1",
      redirect_uri: callback,
      client_id: "cid-conf",
      client_secret: "csecret-conf",
    });
    const connection = await isolated.channelConnections.retrieve(`${run}-conn`);
    expect(connection.result).toMatchObject({
      identifier: `${run}-conn`,
      integrationIdentifier: identifier,
      subscriberId,
      workspace: { id: "T-CONF", name: "Conformance" },
    });
    const endpoints = await isolated.channelEndpoints.list({
      subscriberId,
      integrationIdentifier: identifier,
    });
    expect(endpoints.result.data).toEqual([
      expect.objectContaining({
        type: "slack_user",
        endpoint: { userId: "U-CONF" },
        connectionIdentifier: `${run}-conn`,
      }),
    ]);

    const connect = await isolated.integrations.generateConnectOAuthUrl({
      integrationIdentifier: identifier,
      subscriberId,
    });
    expect(authorizeParams(connect.result.url).get("scope")).toContain("chat:write");
    const linkUser = await isolated.integrations.generateLinkUserOAuthUrl({
      integrationIdentifier: identifier,
      subscriberId,
    });
    expect(authorizeParams(linkUser.result.url).get("user_scope")).toBe("identity.basic");
    const link = await isolated.integrations.linkChannelEndpoint({
      integrationIdentifier: identifier,
      subscriberId,
    });
    expect(authorizeParams(link.result.url).get("user_scope")).toBe("identity.basic");
    expect(link.result.providerMetadata).toEqual({ expiresAt: expect.any(String) });

    // A state that was tampered with is refused, and Slack is not asked again.
    const state = params.get("state") ?? "";
    const tampered = `${state.slice(0, -4)}AAAA`;
    const refused = await fetch(`${callback}?${new URLSearchParams({ code: "code-2", state: tampered })}`);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ statusCode: 400 });
    expect(await slack.requests()).toHaveLength(1);
  });

  it("auto-configures SendGrid's event webhook to this platform's inbound webhook URL", async () => {
    const sendgrid = providerHost("sendgrid");
    const { result } = await isolated.integrations.create({
      providerId: "sendgrid",
      channel: "email",
      identifier: `${run}-sendgrid-hooks`,
      credentials: { apiKey: "SG.conf", baseUrl: sendgrid.baseUrl },
    });
    const id = result.id ?? "";
    const configured = await isolated.integrations.integrationsControllerAutoConfigureIntegration(id);
    expect(configured.result).toMatchObject({
      success: true,
      message: "Integration auto-configured successfully",
    });
    const [settings] = await sendgrid.requests();
    expect(settings?.method).toBe("PATCH");
    expect(JSON.parse(settings?.body ?? "{}")).toMatchObject({
      enabled: true,
      url: `${apiUrl}/v2/inbound-webhooks/delivery-providers/${environmentId}/${id}`,
    });
    const listed = await isolated.integrations.list();
    expect(listed.result.find((i) => i.id === id)?.configurations).toMatchObject({
      inboundWebhookEnabled: true,
    });

    const sms = await isolated.integrations.create({
      providerId: "twilio",
      channel: "sms",
      identifier: `${run}-sms`,
    });
    const unsupported = await isolated.integrations.integrationsControllerAutoConfigureIntegration(
      sms.result.id ?? "",
    );
    expect(unsupported.result).toEqual({
      success: false,
      message: "Auto-configuration is not supported for provider: twilio",
    });
    await expectNotFound(
      isolated.integrations.integrationsControllerAutoConfigureIntegration("000000000000000000000000"),
    );
    await expectNotFound(production.integrations.integrationsControllerAutoConfigureIntegration(id));
  });

  it("configures a Telegram bot's webhook; mobile links answer Novu's errors", async () => {
    const telegram = providerHost("telegram");
    await telegram.script("/bot42:conf/setWebhook", [{ status: 200, body: '{"ok":true,"result":true}' }]);
    await telegram.script("/bot42:conf/getMe", [
      { status: 200, body: '{"ok":true,"result":{"username":"ConfBot"}}' },
    ]);
    const identifier = `${run}-telegram`;
    await isolated.integrations.create({
      providerId: "telegram",
      channel: "chat",
      identifier,
      credentials: { apiToken: "42:conf", baseUrl: telegram.baseUrl },
    });
    const { result } =
      await isolated.integrations.integrationsControllerConfigureIntegrationWebhook(identifier);
    expect(result).toMatchObject({
      webhookUrl: `${apiUrl}/v1/integrations/webhook/${environmentId}/${identifier}`,
      botUsername: "ConfBot",
    });
    const [registration] = await telegram.requests();
    const { secret_token } = JSON.parse(registration?.body ?? "{}") as { secret_token: string };
    const update = (secret: string) =>
      fetch(result.webhookUrl, {
        method: "POST",
        headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": secret },
        body: JSON.stringify({ update_id: 1, message: { chat: { id: 1 }, text: "hello" } }),
      });
    expect((await update(secret_token)).status).toBe(200);
    expect((await update("forged")).status).toBe(401);

    const noAgent = await rejection(
      isolated.integrations.createMobileLink({ subscriberId: `${run}-ada` }, identifier),
    );
    expect(noAgent.statusCode).toBe(404);
    expect(JSON.parse(noAgent.body)).toMatchObject({
      message: "This Telegram integration is not linked to any agent.",
    });
    const notTelegram = await rejection(isolated.integrations.createMobileLink({}, `${run}-slack`));
    expect(notTelegram.statusCode).toBe(400);
    await expectNotFound(isolated.integrations.createMobileLink({}, `${run}-nope`));
    await expectNotFound(
      isolated.integrations.integrationsControllerConfigureIntegrationWebhook(`${run}-nope`),
    );
    const wrongProvider = await rejection(
      isolated.integrations.integrationsControllerConfigureIntegrationWebhook(`${run}-slack`),
    );
    expect(wrongProvider.statusCode).toBe(400);
  });

  it("refuses malformed OAuth requests, unknown integrations and another environment's key", async () => {
    const asIsolated = { secretKey: environmentKey };
    await expectRawInvalid("/v1/integrations/chat/oauth", { ...asIsolated, body: { subscriberId: "x" } });
    await expectRawInvalid("/v1/integrations/chat/oauth", {
      ...asIsolated,
      body: { integrationIdentifier: `${run}-slack`, subscriberId: "x", mode: "sideways" },
    });
    await expectRawInvalid("/v1/integrations/channel-endpoints/oauth", {
      ...asIsolated,
      body: { integrationIdentifier: `${run}-slack` },
    });
    await expectRawInvalid("/v1/integrations/channel-endpoints/link", {
      ...asIsolated,
      body: { integrationIdentifier: `${run}-slack`, subscriberId: 5 },
    });
    await expectNotFound(
      isolated.integrations.generateChatOAuthUrl({
        integrationIdentifier: `${run}-nope`,
        subscriberId: `${run}-ada`,
      }),
    );
    await expectNotFound(
      production.integrations.generateChatOAuthUrl({
        integrationIdentifier: `${run}-slack`,
        subscriberId: `${run}-ada`,
      }),
    );
    await expectNotFound(
      production.integrations.linkChannelEndpoint({
        integrationIdentifier: `${run}-slack`,
        subscriberId: `${run}-ada`,
      }),
    );
    // Telegram's deep-link flow needs a telegram_chat channel endpoint this platform does not store.
    const telegramLink = await rejection(
      isolated.integrations.linkChannelEndpoint({
        integrationIdentifier: `${run}-telegram`,
        subscriberId: `${run}-ada`,
      }),
    );
    expect(telegramLink.statusCode).toBe(400);
  });
});
