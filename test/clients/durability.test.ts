// What is pending survives a restart of `wrangler dev`: a delay's run and a digest's window live in the subscriber's
// Durable Object (storage and alarm); an email whose provider is down waits in the DELIVERIES queue and in that
// object's outbox. `wrangler dev`'s local queues hold messages in memory, so the restart loses the queue's copy; the
// outbox, persisted with the object under the state folder, sends it again when its lease runs out. One restart
// serves the three: each is pending when the server stops, and each is delivered exactly once after it comes back.
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { leaseMs } from "../../durable-objects/subscriber/outbox.store";
import { freePort, prepareLocalState, startWorker, stopWorker } from "../../scripts/dev-environment.mjs";

const persistTo = mkdtempSync(path.join(tmpdir(), "novu-edge-durability-"));
const keys = { secretKey: "durability-suite-secret-key", applicationIdentifier: "durability-suite-app" };

type Worker = Awaited<ReturnType<typeof boot>>;

async function boot() {
  const { child, url } = await startWorker({ port: await freePort(), persistTo, stdio: "ignore" });
  const call = (route: string, body?: unknown) =>
    fetch(`${url}${route}`, {
      method: body === undefined ? "GET" : "POST",
      headers: { authorization: `ApiKey ${keys.secretKey}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  return { child, url, call };
}

async function inboxBodies(url: string, subscriberId: string): Promise<string[]> {
  const session = await fetch(`${url}/v1/inbox/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ applicationIdentifier: keys.applicationIdentifier, subscriber: { subscriberId } }),
  });
  const { data } = (await session.json()) as { data: { token: string } };
  const list = await fetch(`${url}/v1/inbox/notifications`, {
    headers: { authorization: `Bearer ${data.token}` },
  });
  return ((await list.json()) as { data: Array<{ body: string }> }).data.map((n) => n.body);
}

/**
 * SendGrid's API on 127.0.0.1: down (503) until `up`, then accepting. It records, per Novu message id, how many
 * sends it refused and how many it accepted.
 */
async function startMailHost() {
  const host = { up: false, refused: new Map<string, number>(), accepted: new Map<string, number>() };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as {
        custom_args?: { novu_message_id?: string };
      };
      const id = body.custom_args?.novu_message_id ?? "unknown";
      const tally = host.up ? host.accepted : host.refused;
      tally.set(id, (tally.get(id) ?? 0) + 1);
      res.writeHead(host.up ? 202 : 503, { "content-type": "application/json" });
      res.end(host.up ? "" : '{"errors":[{"message":"service unavailable"}]}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("mail host has no port");
  return { host, server, url: `http://127.0.0.1:${address.port}` };
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 40_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const workflows = [
  {
    name: "Later",
    workflowId: "later",
    steps: [
      { name: "Wait", type: "delay", controlValues: { amount: 10, unit: "seconds" } },
      { name: "Inbox", type: "in_app", controlValues: { body: "after the restart" } },
    ],
  },
  {
    name: "Summary",
    workflowId: "summary",
    steps: [
      { name: "Digest", type: "digest", controlValues: { amount: 10, unit: "seconds" } },
      {
        name: "Inbox",
        type: "in_app",
        controlValues: {
          body: "{{steps.digest.eventCount}} events: {{ steps.digest.events | digest: 5, 'payload.n' }}",
        },
      },
    ],
  },
  {
    name: "Receipt",
    workflowId: "receipt",
    steps: [{ name: "Mail", type: "email", controlValues: { subject: "Receipt", body: "<p>Paid</p>" } }],
  },
];

describe("durability across a wrangler dev restart", () => {
  let mail: Awaited<ReturnType<typeof startMailHost>>;
  let second: Worker;
  let pendingMessageId = "";

  beforeAll(async () => {
    mail = await startMailHost();
    prepareLocalState({ persistTo, ...keys });
    const first = await boot();
    try {
      const integration = await first.call("/v1/integrations", {
        providerId: "sendgrid",
        channel: "email",
        active: true,
        credentials: { apiKey: "durability-key", from: "billing@acme.io", baseUrl: mail.url },
      });
      expect(integration.status).toBe(201);
      for (const workflow of workflows)
        expect((await first.call("/v2/workflows", workflow)).status).toBe(201);

      const triggers = [
        { name: "later", to: "delayed" },
        { name: "summary", to: "digested", payload: { n: 1 } },
        { name: "summary", to: "digested", payload: { n: 2 } },
        { name: "receipt", to: { subscriberId: "mailed", email: "mailed@example.com" } },
      ];
      for (const trigger of triggers)
        expect((await first.call("/v1/events/trigger", trigger)).status).toBe(201);

      // Pending for real before the stop: the email was tried and refused, the delay and the digest not yet due.
      pendingMessageId = await until("a refused send", async () => [...mail.host.refused.keys()][0]);
      expect(await inboxBodies(first.url, "delayed")).toEqual([]);
      expect(await inboxBodies(first.url, "digested")).toEqual([]);
      expect(mail.host.accepted.size).toBe(0);
    } finally {
      await stopWorker(first.child);
    }
    mail.host.up = true;
    second = await boot();
  }, 90_000);

  afterAll(async () => {
    if (second) await stopWorker(second.child);
    mail?.server.closeAllConnections();
    await new Promise<void>((resolve) => (mail ? mail.server.close(() => resolve()) : resolve()));
    rmSync(persistTo, { recursive: true, force: true });
  });

  it("delivers a delayed notification once after the server restarts", { timeout: 60_000 }, async () => {
    const bodies = await until("the delayed notification", async () => {
      const found = await inboxBodies(second.url, "delayed");
      return found.length > 0 ? found : undefined;
    });
    expect(bodies).toEqual(["after the restart"]);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await inboxBodies(second.url, "delayed")).toEqual(["after the restart"]);
  });

  it("closes a digest window opened before the restart once, with both events", {
    timeout: 60_000,
  }, async () => {
    const bodies = await until("the digest", async () => {
      const found = await inboxBodies(second.url, "digested");
      return found.length > 0 ? found : undefined;
    });
    expect(bodies).toEqual(["2 events: 1 and 2"]);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await inboxBodies(second.url, "digested")).toEqual(["2 events: 1 and 2"]);
  });

  // The queue's copy of the refused send died with the first server (miniflare's QueueBrokerObject keeps messages in
  // memory). The subscriber's Durable Object still holds the job in its outbox: when the lease the consumer last gave
  // it (the retry's time plus `leaseMs`) runs out, the object's alarm queues it again, and it is sent once.
  it("sends an email queued while its provider was down exactly once after the restart", {
    timeout: leaseMs + 90_000,
  }, async () => {
    await until(
      "the queued email",
      async () => (mail.host.accepted.size > 0 ? true : undefined),
      leaseMs + 30_000,
    );
    const status = await until("the message marked sent", async () => {
      const res = await second.call(`/v1/messages?channel=email`);
      const page = (await res.json()) as { data: Array<{ _id: string; status: string }> };
      const message = page.data.find((m) => m._id === pendingMessageId);
      return message?.status === "sent" ? message.status : undefined;
    });
    expect(status).toBe("sent");
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(Object.fromEntries(mail.host.accepted)).toEqual({ [pendingMessageId]: 1 });
  });
});
