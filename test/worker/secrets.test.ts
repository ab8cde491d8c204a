// Secrets never leak: provider credentials, secret environment variables, webhook signing secrets, channel access
// tokens and the API key itself are stored, used for real deliveries (one of which fails), and then every list, get
// and error answer is searched as raw text for them.
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { database } from "../../src/db/client";
import { apiKeys } from "../../src/db/schema";
import { sha256Hex } from "../../src/lib/crypto";
import { verifyWebhookSignature } from "../../src/webhooks/webhook-signature";
import { api, call, createTenant, providerPath } from "./fixtures";

type Server = ReturnType<typeof api>;

const unique = (label: string) => `${label}-${crypto.randomUUID().replaceAll("-", "")}`;

async function data<T>(res: Response): Promise<T> {
  expect(res.status, await res.clone().text()).toBeLessThan(300);
  return (await res.json<{ data: T }>()).data;
}

/** The raw text of every answer, so a secret is found wherever it would hide (nested, masked badly, in an error). */
async function answers(server: Server, paths: string[]) {
  const texts: Array<[string, string]> = [];
  for (const path of paths) texts.push([path, await (await server(path)).text()]);
  return texts;
}

describe("secrets never appear in answers", { timeout: 30_000 }, () => {
  it("after credentials, secret variables, webhook secrets and a failing delivery, no answer contains them", async () => {
    const tenant = await createTenant();
    const server = api(tenant);
    const sendgridKey = unique("SG.sendgrid-key");
    const twilioToken = unique("twilio-token");
    const variableValue = unique("secret-variable");
    const accessToken = unique("xoxb-access-token");

    const mailHost = providerPath("secret-mail");
    const sendgrid = await data<{ _id: string }>(
      await server("/v1/integrations", {
        method: "POST",
        body: {
          providerId: "sendgrid",
          channel: "email",
          active: true,
          credentials: { apiKey: sendgridKey, from: "f@acme.io", baseUrl: mailHost.baseUrl },
        },
      }),
    );
    // Twilio refuses every send: the failure is recorded, retried and reported, and must not carry the token.
    const smsHost = providerPath("secret-sms");
    await fetch(`${new URL(smsHost.baseUrl).origin}/__script`, {
      method: "POST",
      body: JSON.stringify({
        path: `${new URL(smsHost.baseUrl).pathname}/2010-04-01/Accounts/AC123/Messages.json`,
        random: { rate: 1, status: 401 },
      }),
    });
    await data(
      await server("/v1/integrations", {
        method: "POST",
        body: {
          providerId: "twilio",
          channel: "sms",
          active: true,
          credentials: {
            accountSid: "AC123",
            token: twilioToken,
            from: "+15550000000",
            baseUrl: smsHost.baseUrl,
          },
        },
      }),
    );
    await data(
      await server("/v1/integrations", {
        method: "POST",
        body: { providerId: "slack", channel: "chat", identifier: "slack-secret", active: true },
      }),
    );
    await data(await server("/v2/subscribers", { method: "POST", body: { subscriberId: "holder" } }));
    await data(
      await server("/v1/channel-connections", {
        method: "POST",
        body: {
          identifier: "secret-connection",
          integrationIdentifier: "slack-secret",
          subscriberId: "holder",
          workspace: { id: "T1" },
          auth: { accessToken },
        },
      }),
    );
    await data(
      await server("/v1/environment-variables", {
        method: "POST",
        body: {
          key: "PAYMENT_TOKEN",
          isSecret: true,
          values: [{ _environmentId: tenant.environmentId, value: variableValue }],
        },
      }),
    );
    const hook = providerPath("secret-hook");
    const endpoint = await data<{ _id: string; secret: string }>(
      await server("/v1/webhooks/endpoints", { method: "POST", body: { url: `${hook.baseUrl}/events` } }),
    );
    const rotated = await data<{ secret: string }>(
      await server(`/v1/webhooks/endpoints/${endpoint._id}/secret/rotate`, { method: "POST" }),
    );
    const secrets = {
      sendgridKey,
      twilioToken,
      variableValue,
      accessToken,
      oldWebhookSecret: endpoint.secret,
      webhookSecret: rotated.secret,
      apiKey: tenant.secretKey,
    };

    await data(
      await server("/v2/workflows", {
        method: "POST",
        body: {
          name: "Receipt",
          workflowId: "receipt",
          steps: [
            { name: "Inbox", type: "in_app", controlValues: { body: "Paid {{payload.amount}}" } },
            { name: "Mail", type: "email", controlValues: { subject: "Receipt", body: "<p>Paid</p>" } },
            { name: "Text", type: "sms", controlValues: { body: "Paid {{payload.amount}}" } },
          ],
        },
      }),
    );
    const trigger = await server("/v1/events/trigger", {
      method: "POST",
      body: {
        name: "receipt",
        to: { subscriberId: "payer", email: "payer@example.com", phone: "+15551234567" },
        payload: { amount: 42 },
        transactionId: "tx-secret",
      },
    });
    expect(trigger.status).toBe(201);

    const events = await vi.waitFor(
      async () => {
        const requests = await hook.requests();
        const types = requests.map((r) => (JSON.parse(r.body) as { type: string }).type).sort();
        expect(types).toEqual(["message.failed", "message.sent"]);
        return requests;
      },
      { timeout: 20_000, interval: 100 },
    );
    // The receivers' helper accepts what was sent, and only under the current secret.
    for (const event of events) {
      const header = event.headers["novu-signature"];
      expect(await verifyWebhookSignature(rotated.secret, header, event.body)).toMatchObject({ valid: true });
      expect(await verifyWebhookSignature(endpoint.secret, header, event.body)).toMatchObject({
        valid: false,
      });
    }
    const messages = await vi.waitFor(
      async () => {
        const page = await (await server("/v1/messages?transactionId=tx-secret")).json<{
          data: Array<{ _id: string; channel: string; status: string }>;
        }>();
        expect(page.data.map((m) => [m.channel, m.status]).sort()).toEqual([
          ["email", "sent"],
          ["in_app", "sent"],
          ["sms", "error"],
        ]);
        return page.data;
      },
      { timeout: 20_000, interval: 100 },
    );
    // The credentials were really used: the provider hosts saw them.
    expect((await mailHost.requests())[0]?.headers.authorization).toBe(`Bearer ${sendgridKey}`);
    expect((await smsHost.requests()).length).toBeGreaterThan(0);

    const notifications = await (await server("/v1/notifications?transactionId=tx-secret")).json<{
      data: Array<{ _id: string }>;
    }>();
    const notificationId = notifications.data[0]?._id ?? "";

    const texts = await answers(server, [
      "/v1/integrations",
      "/v1/integrations/active",
      "/v1/environment-variables",
      "/v1/environment-variables/PAYMENT_TOKEN",
      "/v1/webhooks/endpoints",
      `/v1/webhooks/endpoints/${endpoint._id}`,
      "/v1/channel-connections",
      "/v1/channel-connections/secret-connection",
      "/v1/messages",
      "/v1/messages?transactionId=tx-secret",
      "/v1/messages?channel=in_app&subscriberId=payer",
      "/v1/notifications",
      `/v1/notifications/${notificationId}`,
      "/v1/environments",
      "/v1/environments/me",
      "/v2/subscribers/payer",
      "/v2/subscribers/payer/notifications",
      "/v2/workflows/receipt",
      "/v1/bridge/status",
    ]);
    texts.push(["webhook bodies", JSON.stringify(events.map((e) => e.body))]);

    // Error answers to requests that carry the secrets.
    const errors: Array<[string, Response]> = [
      [
        "integration update with a bad field",
        await server(`/v1/integrations/${sendgrid._id}`, {
          method: "PUT",
          body: { credentials: { apiKey: sendgridKey }, active: "yes" },
        }),
      ],
      [
        "integration create without a provider",
        await server("/v1/integrations", { method: "POST", body: { credentials: { apiKey: sendgridKey } } }),
      ],
      [
        "integration create with credentials of the wrong type",
        await server("/v1/integrations", {
          method: "POST",
          body: { providerId: "sendgrid", channel: "email", credentials: { apiKey: [sendgridKey] } },
        }),
      ],
      [
        "variable created twice",
        await server("/v1/environment-variables", {
          method: "POST",
          body: {
            key: "PAYMENT_TOKEN",
            isSecret: true,
            values: [{ _environmentId: tenant.environmentId, value: variableValue }],
          },
        }),
      ],
      [
        "secret variable made plain",
        await server("/v1/environment-variables/PAYMENT_TOKEN", {
          method: "PATCH",
          body: { isSecret: false },
        }),
      ],
      [
        "connection with a malformed token",
        await server("/v1/channel-connections/secret-connection", {
          method: "PATCH",
          body: { auth: { accessToken: [accessToken] } },
        }),
      ],
      ["unknown route with a good key", await server("/v1/no-such-route")],
      [
        "a near-miss API key",
        await call("/v1/integrations", {
          headers: { authorization: `ApiKey ${tenant.secretKey.slice(0, -1)}x` },
        }),
      ],
      [
        "the API key in the wrong scheme",
        await call("/v1/integrations", { headers: { authorization: `Bearer ${tenant.secretKey}` } }),
      ],
      [
        "the API key as a body field",
        await call("/v1/events/trigger", {
          method: "POST",
          body: { name: "receipt", apiKey: tenant.secretKey },
        }),
      ],
    ];
    for (const [label, res] of errors) {
      expect(res.status, label).toBeGreaterThanOrEqual(400);
      expect(res.status, label).toBeLessThan(500);
      texts.push([label, await res.text()]);
    }

    const leaks = texts.flatMap(([where, text]) =>
      Object.entries(secrets)
        .filter(([, value]) => text.includes(value))
        .map(([name]) => `${name} in ${where}`),
    );
    expect(leaks).toEqual([]);
    // The failure itself is explained, without the secret.
    const failed = messages.find((m) => m.channel === "sms");
    expect(texts.find(([where]) => where === "/v1/messages?transactionId=tx-secret")?.[1]).toContain(
      failed?._id ?? "missing",
    );
  });

  it("keeps API keys only hashed and sealed at rest, through create and regenerate", async () => {
    const tenant = await createTenant();
    const created = await data<{ _id: string; apiKeys: Array<{ key: string }> }>(
      await api(tenant)("/v1/environments", { method: "POST", body: { name: "Staging", color: "#000000" } }),
    );
    const firstKey = created.apiKeys[0]?.key ?? "";
    const regenerated = await data<Array<{ key: string }>>(
      await call("/v1/environments/api-keys/regenerate", {
        method: "POST",
        headers: { authorization: `ApiKey ${firstKey}` },
      }),
    );
    const key = regenerated[0]?.key ?? "";
    expect(key).toMatch(/^[0-9a-f]{32}$/);
    expect(key).not.toBe(firstKey);

    const rows = await database(env).select().from(apiKeys).where(eq(apiKeys.environmentId, created._id));
    expect(rows.map((row) => row.keyHash)).toEqual([await sha256Hex(key)]);
    const stored = JSON.stringify(rows);
    expect(stored).not.toContain(key);
    expect(stored).not.toContain(firstKey);
    expect(rows[0]?.sealedKey).toMatch(/^v1\./);
    expect(
      (await call("/v1/environments/me", { headers: { authorization: `ApiKey ${firstKey}` } })).status,
    ).toBe(401);
  });
});
