// Nothing secret reaches the server's log: after credentials, secret variables and webhook secrets are stored and
// used by real deliveries (one failing at its provider, so error paths log), plus requests with wrong keys, the
// `wrangler dev` log of this run contains none of them, nor any API key or the Worker's own secrets.
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

const apiUrl = inject("apiUrl");
const development = inject("development");
const production = inject("production");
const serverSecrets = inject("serverSecrets");
const logFile = inject("wranglerLog");

const unique = (label: string) => `${label}-${crypto.randomUUID().replaceAll("-", "")}`;

type Sent = { path: string; body: string };

/** Provider and webhook hosts on 127.0.0.1: `/mail` accepts, `/sms` refuses with 401, `/hook` records events. */
async function startHosts() {
  const seen: Sent[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const path = req.url ?? "/";
      seen.push({ path, body: Buffer.concat(chunks).toString("utf8") });
      if (path.startsWith("/sms")) {
        res.writeHead(401, { "content-type": "application/json" });
        return res.end('{"code":20003,"message":"Authenticate"}');
      }
      res.writeHead(path.startsWith("/mail") ? 202 : 204);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("hosts have no port");
  return { server, seen, url: `http://127.0.0.1:${address.port}` };
}

function client(secretKey: string) {
  return async <T>(path: string, method = "GET", body?: unknown): Promise<{ status: number; data: T }> => {
    const res = await fetch(`${apiUrl}${path}`, {
      method,
      headers: { authorization: `ApiKey ${secretKey}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, data: (text ? (JSON.parse(text) as { data: T }).data : undefined) as T };
  };
}

async function until<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe("the wrangler dev log", () => {
  let hosts: Awaited<ReturnType<typeof startHosts>>;
  beforeAll(async () => {
    hosts = await startHosts();
  });
  afterAll(async () => {
    hosts.server.closeAllConnections();
    await new Promise<void>((resolve) => hosts.server.close(() => resolve()));
  });

  it("holds no credential, secret variable, webhook secret or API key after they were used", {
    timeout: 60_000,
  }, async () => {
    const dev = client(development.secretKey);
    const created = await dev<{ _id: string; apiKeys: Array<{ key: string }> }>("/v1/environments", "POST", {
      name: unique("Secrets in logs"),
      color: "#777777",
    });
    expect(created.status).toBe(201);
    const environmentId = created.data._id;
    const environmentKey = created.data.apiKeys[0]?.key ?? "";
    const server = client(environmentKey);
    const variableKey = `LOG_SECRET_${crypto.randomUUID().slice(0, 8).toUpperCase()}`;
    const secrets: Record<string, string> = {
      sendgridKey: unique("SG.log-key"),
      twilioToken: unique("twilio-log-token"),
      variableValue: unique("log-secret-variable"),
      environmentKey,
      developmentKey: development.secretKey,
      productionKey: production.secretKey,
      signingSecret: serverSecrets.signingSecret,
      encryptionKey: serverSecrets.encryptionKey,
    };
    try {
      expect(
        (
          await server("/v1/integrations", "POST", {
            providerId: "sendgrid",
            channel: "email",
            active: true,
            credentials: { apiKey: secrets.sendgridKey, from: "f@acme.io", baseUrl: `${hosts.url}/mail` },
          })
        ).status,
      ).toBe(201);
      expect(
        (
          await server("/v1/integrations", "POST", {
            providerId: "twilio",
            channel: "sms",
            active: true,
            credentials: {
              accountSid: "AC123",
              token: secrets.twilioToken,
              from: "+15550000000",
              baseUrl: `${hosts.url}/sms`,
            },
          })
        ).status,
      ).toBe(201);
      const variable = await server("/v1/environment-variables", "POST", {
        key: variableKey,
        isSecret: true,
        values: [{ _environmentId: environmentId, value: secrets.variableValue }],
      });
      expect(variable.status).toBe(200);
      const endpoint = await server<{ secret: string }>("/v1/webhooks/endpoints", "POST", {
        url: `${hosts.url}/hook`,
      });
      expect(endpoint.status).toBe(201);
      secrets.webhookSecret = endpoint.data.secret;

      expect(
        (
          await server("/v2/workflows", "POST", {
            name: "Receipt",
            workflowId: "receipt",
            active: true,
            steps: [
              { name: "Mail", type: "email", controlValues: { subject: "Receipt", body: "<p>Paid</p>" } },
              { name: "Text", type: "sms", controlValues: { body: "Paid" } },
            ],
          })
        ).status,
      ).toBe(201);
      const trigger = await server("/v1/events/trigger", "POST", {
        name: "receipt",
        to: { subscriberId: "payer", email: "payer@example.com", phone: "+15551234567" },
        transactionId: "tx-log",
      });
      expect(trigger.status).toBe(201);

      await until("both outcomes and their webhook events", async () => {
        const { data } = await server<Array<{ channel: string; status: string }>>(
          "/v1/messages?transactionId=tx-log",
        );
        const outcomes = data.map((m) => `${m.channel}:${m.status}`).sort();
        const events = hosts.seen.filter((s) => s.path.startsWith("/hook")).length;
        return outcomes.join() === "email:sent,sms:error" && events >= 2 ? true : undefined;
      });
      // The secrets really went out: the mail host saw the key, the SMS host the token (Basic auth).
      expect(hosts.seen.some((s) => s.path.startsWith("/mail"))).toBe(true);
      expect(hosts.seen.some((s) => s.path.startsWith("/sms"))).toBe(true);

      // Requests that carry secrets and fail.
      expect((await client(`${environmentKey.slice(0, -1)}x`)("/v1/integrations")).status).toBe(401);
      expect(
        (await server("/v1/integrations", "POST", { credentials: { apiKey: secrets.sendgridKey } })).status,
      ).toBe(422);
      const duplicate = await server("/v1/environment-variables", "POST", {
        key: variableKey,
        isSecret: true,
        values: [{ _environmentId: environmentId, value: secrets.variableValue }],
      });
      expect(duplicate.status).toBeGreaterThanOrEqual(400);
    } finally {
      await server(`/v1/environment-variables/${variableKey}`, "DELETE");
      await dev(`/v1/environments/${environmentId}`, "DELETE");
    }

    // The log is written by wrangler's own process: give its last lines a moment to land.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const log = readFileSync(logFile, "utf8");
    expect(log).toContain("/v1/events/trigger");
    const found = Object.entries(secrets)
      .filter(([, value]) => value.length > 0 && log.includes(value))
      .map(([name]) => name);
    expect(found).toEqual([]);
  });
});
