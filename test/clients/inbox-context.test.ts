// @novu/js Inbox sessions in a context (Novu's "Inbox with context") against a real `wrangler dev`: two sessions of
// one subscriber in different contexts each see only their own notifications, and with HMAC on a session needs the
// contextHash of its context.
import { createHmac } from "node:crypto";
import { Novu as ServerApi } from "@novu/api";
import { type Context, type Events, type Notification, Novu } from "@novu/js";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { WebSocket } from "ws";

// Node 20 has no global WebSocket; @novu/js (PartySocket) looks it up when it connects.
Object.assign(globalThis, { WebSocket });

const apiUrl = inject("apiUrl");
const socketUrl = apiUrl.replace("http", "ws");
const development = new ServerApi({
  secretKey: inject("development").secretKey,
  serverURL: apiUrl,
  retryConfig: { strategy: "none" },
});
const run = Date.now().toString(36);
const workflowId = `ctx-${run}`;
const subscriberId = `ada-${run}`;
const opened: Novu[] = [];

// Its own environment: turning HMAC on must not change what other suites' Inbox sessions need.
let environment: { id: string; secretKey: string; applicationIdentifier: string; server: ServerApi };

type SessionOptions = { context?: Context; contextHash?: string; subscriberHash?: string };

function inbox(options: SessionOptions) {
  const novu = new Novu({
    applicationIdentifier: environment.applicationIdentifier,
    subscriber: { subscriberId },
    apiUrl,
    socketUrl,
    socketOptions: { socketType: "cloud" },
    useCache: false,
    ...options,
  });
  opened.push(novu);
  const session = new Promise<Events["session.initialize.resolved"]>((resolve) =>
    novu.on("session.initialize.resolved", resolve),
  );
  return { novu, session };
}

const trigger = (
  x: number,
  context: Record<string, string | { id: string; data?: Record<string, unknown> }>,
) => environment.server.trigger({ workflowId, to: { subscriberId }, payload: { x }, context });

async function bodies(novu: Novu): Promise<string[]> {
  const { data, error } = await novu.notifications.list({ limit: 50 });
  expect(error).toBeUndefined();
  return (data?.notifications ?? []).map((n) => n.body).sort();
}

async function unread(novu: Novu): Promise<number | undefined> {
  const { data, error } = await novu.notifications.count({ read: false });
  expect(error).toBeUndefined();
  return data?.count;
}

/** Novu's contextHash: HMAC-SHA256 with the secret key over the context's canonical JSON (sorted keys). */
const contextHash = (canonical: string) =>
  createHmac("sha256", environment.secretKey).update(canonical).digest("hex");

beforeAll(async () => {
  const { result } = await development.environments.create({ name: `Contexts ${run}`, color: "#336699" });
  const secretKey = result.apiKeys?.[0]?.key ?? "";
  environment = {
    id: result.id,
    secretKey,
    applicationIdentifier: result.identifier,
    server: new ServerApi({ secretKey, serverURL: apiUrl, retryConfig: { strategy: "none" } }),
  };
  await environment.server.workflows.create({
    name: "Context",
    workflowId,
    active: true,
    steps: [
      {
        name: "In-app",
        type: "in_app",
        controlValues: {
          subject: "{{context.tenant.id}}",
          body: "{{context.tenant.data.name}} #{{payload.x}}",
        },
      },
    ],
  });
  await trigger(1, { tenant: { id: "acme", data: { name: "Acme" } } });
  await trigger(2, { tenant: "acme" });
  await trigger(3, { tenant: { id: "globex", data: { name: "Globex" } } });
  await trigger(4, {});
}, 30_000);

afterAll(async () => {
  await Promise.all(opened.map((novu) => novu.socket.disconnect()));
  await development.environments.delete(environment.id);
});

describe("two Inbox sessions of one subscriber in different contexts", () => {
  it("each lists and counts only the notifications of its own context", async () => {
    const acme = inbox({ context: { tenant: "acme" } });
    const globex = inbox({ context: { tenant: { id: "globex" } } });
    const plain = inbox({});
    const [acmeSession, globexSession, plainSession] = await Promise.all(
      [acme, globex, plain].map((i) => i.session),
    );
    expect(acmeSession?.error).toBeUndefined();
    expect(acmeSession?.data).toMatchObject({ contextKeys: ["tenant:acme"], unreadCount: { total: 2 } });
    expect(globexSession?.data).toMatchObject({ contextKeys: ["tenant:globex"], unreadCount: { total: 1 } });
    expect(plainSession?.data).toMatchObject({ contextKeys: [], unreadCount: { total: 1 } });

    expect(await bodies(acme.novu)).toEqual(["Acme #1", "Acme #2"]);
    expect(await bodies(globex.novu)).toEqual(["Globex #3"]);
    expect(await bodies(plain.novu)).toEqual([" #4"]);
    expect(await unread(acme.novu)).toBe(2);
    expect(await unread(globex.novu)).toBe(1);

    expect((await acme.novu.notifications.readAll()).error).toBeUndefined();
    expect(await unread(acme.novu)).toBe(0);
    expect(await unread(globex.novu)).toBe(1);
  });

  it("hears over its socket only the notifications of its own context", async () => {
    const { novu, session } = inbox({ context: { tenant: "acme" } });
    await session;
    const connected = new Promise<Events["socket.connect.resolved"]>((resolve) =>
      novu.on("socket.connect.resolved", resolve),
    );
    const received = new Promise<Notification>((resolve) =>
      novu.on("notifications.notification_received", ({ result }) => resolve(result)),
    );
    expect((await connected).error).toBeUndefined();

    // Globex's notification is sent first: were it pushed to this socket, it would be the one received.
    await trigger(5, { tenant: "globex" });
    await trigger(6, { tenant: "acme" });
    expect(await received).toMatchObject({ subject: "acme", body: "Acme #6" });
  });
});

describe("Inbox with context and HMAC on", () => {
  const subscriberHash = () => createHmac("sha256", environment.secretKey).update(subscriberId).digest("hex");
  const context = { tenant: { id: "acme", data: { name: "Acme", plan: "pro" } } };
  const canonical = '{"tenant":{"data":{"name":"Acme","plan":"pro"},"id":"acme"}}';

  beforeAll(async () => {
    await environment.server.integrations.create({
      providerId: "novu",
      channel: "in_app",
      active: true,
      credentials: { hmac: true },
    });
  });

  it("refuses a session whose contextHash does not sign its context", async () => {
    for (const hash of [undefined, contextHash('{"tenant":"acme"}'), "0".repeat(64)]) {
      const { novu, session } = inbox({ context, contextHash: hash, subscriberHash: subscriberHash() });
      const { data, error } = await session;
      expect(data).toBeUndefined();
      expect(error).toBeTruthy();
      expect((await novu.notifications.list()).error).toBeTruthy();
    }
  });

  it("opens a session whose contextHash matches, scoped to that context", async () => {
    const { novu, session } = inbox({
      context,
      contextHash: contextHash(canonical),
      subscriberHash: subscriberHash(),
    });
    const { data, error } = await session;
    expect(error).toBeUndefined();
    expect(data?.contextKeys).toEqual(["tenant:acme"]);
    expect(await bodies(novu)).toEqual(["Acme #1", "Acme #2", "Acme #6"]);
  });
});
