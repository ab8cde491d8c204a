// Code-first workflows end to end: a real `@novu/framework` bridge, the real `novu sync` CLI, a real `wrangler dev`.
import { execFile } from "node:child_process";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { promisify } from "node:util";
import { Novu } from "@novu/api";
import { ErrorDto } from "@novu/api/models/errors";
import { Novu as InboxClient } from "@novu/js";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { WebSocket } from "ws";
import { startFrameworkBridge } from "../support/framework-bridge";

// Node 20 has no global WebSocket; @novu/js looks it up when it connects.
Object.assign(globalThis, { WebSocket });

const run = promisify(execFile);
const apiUrl = inject("apiUrl");
const { secretKey } = inject("development");
const production = inject("production");
const suffix = Date.now().toString(36);

let bridgeHost: string;
let recording: string;
const recorded: Array<{ url: string; headers: IncomingHttpHeaders; body: string }> = [];
const servers: Server[] = [];

beforeAll(async () => {
  const bridge = await startFrameworkBridge();
  bridgeHost = bridge.url;
  // The provider's host: records what it is sent and answers as SendGrid does.
  const provider = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", () => {
      recorded.push({ url: req.url ?? "", headers: req.headers, body });
      res.writeHead(202, { "x-message-id": `sg-${recorded.length}` }).end();
    });
  });
  await new Promise<void>((resolve) => provider.listen(0, "127.0.0.1", resolve));
  recording = `http://127.0.0.1:${(provider.address() as AddressInfo).port}`;
  servers.push(bridge.server, provider);
});
afterAll(() => {
  for (const server of servers) {
    server.closeAllConnections();
    server.close();
  }
});

/** `npx novu sync`, exactly as a CI job runs it. */
function novuSync(bridgeUrl: string, key: string) {
  return run("npx", ["novu", "sync", "--bridge-url", bridgeUrl, "--secret-key", key, "--api-url", apiUrl], {
    timeout: 60_000,
  });
}

describe("novu sync", { timeout: 90_000 }, () => {
  it("publishes the bridge's workflows into the key's environment, which then runs them on the bridge", async () => {
    // An environment of its own, with its own email provider (a recording SendGrid host in this process).
    const created = await fetch(`${apiUrl}/v1/environments`, {
      method: "POST",
      headers: { authorization: `ApiKey ${secretKey}`, "content-type": "application/json" },
      body: JSON.stringify({ name: `Code-first ${suffix}`, color: "#663399" }),
    });
    const { data: environment } = (await created.json()) as {
      data: { identifier: string; apiKeys: Array<{ key: string }> };
    };
    const key = environment.apiKeys[0]?.key ?? "";
    const novu = new Novu({ secretKey: key, serverURL: apiUrl, retryConfig: { strategy: "none" } });
    await novu.integrations.create({
      providerId: "sendgrid",
      channel: "email",
      active: true,
      credentials: { apiKey: "sg-key", from: "shop@acme.io", baseUrl: `${recording}/sendgrid` },
    });

    const sync = await novuSync(`${bridgeHost}/${key}/api/novu`, key);
    expect(sync.stderr).not.toMatch(/error/i);
    const list = await novu.workflows.list({ limit: 100 });
    const synced = list.result.workflows.filter((w) => w.origin === "external").map((w) => w.workflowId);
    expect(synced.sort()).toEqual([
      "bridge-delay",
      "bridge-digest",
      "bridge-failing",
      "bridge-order",
      "bridge-welcome",
    ]);

    const subscriberId = `code-first-${suffix}`;
    await novu.trigger({
      workflowId: "bridge-order",
      to: { subscriberId, firstName: "Grace", email: "grace@example.com" },
      payload: { orderId: "C-7" },
    });

    // The in-app content, as the Inbox SDK reads it.
    const inbox = new InboxClient({
      applicationIdentifier: environment.identifier,
      subscriber: { subscriberId },
      apiUrl,
      socketUrl: apiUrl.replace("http", "ws"),
      socketOptions: { socketType: "cloud" },
      useCache: false,
    });
    const notifications = await vi.waitFor(
      async () => {
        const { data } = await inbox.notifications.list({ limit: 10 });
        expect(data?.notifications).toHaveLength(1);
        return data?.notifications ?? [];
      },
      { timeout: 10_000, interval: 200 },
    );
    expect(notifications[0]).toMatchObject({ subject: "Shipped", body: "Order C-7 for Grace has shipped" });
    inbox.socket.disconnect();

    // The email, as the provider receives it: the bridge's code with the zod control's default.
    const mail = await vi.waitFor(
      async () => {
        const requests = recorded.filter((r) => r.url.startsWith("/sendgrid/"));
        expect(requests).toHaveLength(1);
        return requests[0];
      },
      { timeout: 15_000, interval: 200 },
    );
    expect(mail?.headers.authorization).toBe("Bearer sg-key");
    expect(JSON.parse(mail?.body ?? "{}")).toMatchObject({
      subject: "[Acme] Order C-7",
      from: { email: "shop@acme.io" },
      personalizations: [{ to: [{ email: "grace@example.com" }] }],
    });
  });

  it("keeps environments apart: Production syncs with its own key, and a wrong key fails the CLI", async () => {
    await novuSync(`${bridgeHost}/${production.secretKey}/api/novu?set=small`, production.secretKey);
    const novu = new Novu({
      secretKey: production.secretKey,
      serverURL: apiUrl,
      retryConfig: { strategy: "none" },
    });
    const list = await novu.workflows.list({ limit: 100 });
    expect(list.result.workflows.filter((w) => w.origin === "external").map((w) => w.workflowId)).toEqual([
      "bridge-welcome",
    ]);

    const failed = (bridgeUrl: string, key: string) =>
      novuSync(bridgeUrl, key).then(
        () => undefined,
        (error: { code?: number; stderr?: string }) => error,
      );
    const unknownKey = await failed(`${bridgeHost}/${secretKey}/api/novu`, "not-a-key");
    expect(unknownKey?.code).toBe(1);
    expect(unknownKey?.stderr).toContain("API Key not found");

    // A bridge that holds another environment's secret refuses our signature; the CLI says so and nothing changes.
    const mismatch = await failed(`${bridgeHost}/${secretKey}/api/novu`, production.secretKey);
    expect(mismatch?.code).toBe(1);
    expect(mismatch?.stderr).toContain("SignatureMismatchError");
    const after = await novu.workflows.list({ limit: 100 });
    expect(after.result.workflows.filter((w) => w.origin === "external").map((w) => w.workflowId)).toEqual([
      "bridge-welcome",
    ]);
  });
});

describe("workflow management as code (update first, create on 404)", () => {
  it("creates the workflow the first time and updates it afterwards", async () => {
    const novu = new Novu({ secretKey, serverURL: apiUrl, retryConfig: { strategy: "none" } });
    const workflowId = `as-code-${suffix}`;
    const upsert = async (body: string) => {
      const definition = {
        name: "Managed in git",
        origin: "external" as const,
        preferences: {},
        steps: [{ name: "Inbox", type: "in_app" as const, controlValues: { body } }],
      };
      try {
        return (await novu.workflows.update(definition, workflowId)).result;
      } catch (error) {
        if (!(error instanceof ErrorDto) || error.statusCode !== 404) throw error;
        return (await novu.workflows.create({ ...definition, workflowId, active: true })).result;
      }
    };
    const first = await upsert("v1");
    const second = await upsert("v2");
    expect(second.id).toBe(first.id);
    expect(second.steps[0]?.controlValues).toMatchObject({ body: "v2" });
  });
});
