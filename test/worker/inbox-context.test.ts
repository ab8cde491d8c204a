import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { hmacSha256Hex } from "../../src/lib/crypto";
import { api, call, createTenant, inAppWorkflow, type TestTenant } from "./fixtures";

type Item = { id: string; transactionId: string; isRead: boolean };
type Frame = { event: string; data: Record<string, unknown> };
type SessionBody = {
  context?: unknown;
  contextHash?: string;
  subscriberHash?: string;
};

function openSession(tenant: TestTenant, subscriberId: string, extra: SessionBody = {}) {
  return call("/v1/inbox/session", {
    method: "POST",
    body: { applicationIdentifier: tenant.applicationIdentifier, subscriber: { subscriberId }, ...extra },
  });
}

async function session(tenant: TestTenant, subscriberId: string, extra: SessionBody = {}) {
  const res = await openSession(tenant, subscriberId, extra);
  expect(res.status).toBe(201);
  const { data } = await res.json<{
    data: { token: string; totalUnreadCount: number; contextKeys: string[] };
  }>();
  const headers = { authorization: `Bearer ${data.token}` };
  const ids = async (query = "") =>
    (
      await (await call(`/v1/inbox/notifications?limit=50${query}`, { headers })).json<{ data: Item[] }>()
    ).data
      .map((item) => item.transactionId)
      .sort();
  const count = async (filter: Record<string, unknown>) => {
    const res = await call(
      `/v1/inbox/notifications/count?filters=${encodeURIComponent(JSON.stringify([filter]))}`,
      {
        headers,
      },
    );
    return (await res.json<{ data: Array<{ count: number }> }>()).data[0]?.count;
  };
  const post = (path: string, body: unknown = {}) =>
    call(`/v1/inbox/notifications/${path}`, { method: "POST", body, headers });
  return { ...data, ids, count, post };
}

/** Triggers `live` for `sub` with the given context; one transaction per call. */
async function seed(tenant: TestTenant) {
  const server = api(tenant);
  expect((await server("/v2/workflows", { method: "POST", body: inAppWorkflow("live") })).status).toBe(201);
  return async (transactionId: string, context?: Record<string, unknown>) => {
    const res = await server("/v1/events/trigger", {
      method: "POST",
      body: { name: "live", to: "sub", payload: { message: transactionId }, transactionId, context },
    });
    expect(res.status).toBe(201);
  };
}

async function connect(token: string) {
  const res = await SELF.fetch(`http://api.test/?token=${token}`, { headers: { upgrade: "websocket" } });
  const socket = res.webSocket;
  if (!socket) throw new Error("no websocket in the response");
  socket.accept();
  const frames: Frame[] = [];
  socket.addEventListener("message", (event) => {
    const text = String(event.data);
    if (text.startsWith("{")) frames.push(JSON.parse(text) as Frame);
  });
  const waitFor = async (predicate: () => boolean) => {
    for (let i = 0; i < 100 && !predicate(); i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(predicate()).toBe(true);
  };
  return { socket, frames, waitFor };
}

describe("Inbox sessions in a context", () => {
  it("list and count exactly the session's context; a session without context sees context-less ones", async () => {
    const tenant = await createTenant();
    const trigger = await seed(tenant);
    await trigger("none");
    await trigger("acme", { tenant: "acme" });
    await trigger("acme-rich", { tenant: { id: "acme", data: { name: "Acme" } } });
    await trigger("globex", { tenant: "globex" });
    await trigger("acme-app", { tenant: "acme", app: "web" });

    const acme = await session(tenant, "sub", { context: { tenant: "acme" } });
    expect(acme.contextKeys).toEqual(["tenant:acme"]);
    expect(acme.totalUnreadCount).toBe(2);
    expect(await acme.ids()).toEqual(["acme", "acme-rich"]);
    expect(await acme.count({ read: false })).toBe(2);

    // The same keys in another order (and given as { id, data }) are the same context.
    const acmeApp = await session(tenant, "sub", {
      context: { app: { id: "web", data: { theme: "dark" } }, tenant: "acme" },
    });
    expect(acmeApp.contextKeys).toEqual(["app:web", "tenant:acme"]);
    expect(await acmeApp.ids()).toEqual(["acme-app"]);

    const plain = await session(tenant, "sub");
    expect(plain.contextKeys).toEqual([]);
    expect(plain.totalUnreadCount).toBe(1);
    expect(await plain.ids()).toEqual(["none"]);
    expect(await (await session(tenant, "sub", { context: {} })).ids()).toEqual(["none"]);
    expect(await (await session(tenant, "sub", { context: { tenant: "initech" } })).ids()).toEqual([]);
  });

  it("bulk actions stay within the session's context", async () => {
    const tenant = await createTenant();
    const trigger = await seed(tenant);
    await trigger("a1", { tenant: "acme" });
    await trigger("a2", { tenant: "acme" });
    await trigger("g1", { tenant: "globex" });
    await trigger("n1");

    const acme = await session(tenant, "sub", { context: { tenant: "acme" } });
    expect((await acme.post("read")).status).toBe(204);
    expect(await acme.count({ read: false })).toBe(0);
    expect((await acme.post("archive")).status).toBe(204);
    expect(await acme.ids("&archived=true")).toEqual(["a1", "a2"]);

    const globex = await session(tenant, "sub", { context: { tenant: "globex" } });
    expect(await globex.count({ read: false })).toBe(1);
    expect((await globex.post("delete")).status).toBe(204);
    expect(await globex.ids()).toEqual([]);
    expect(await acme.ids()).toEqual(["a1", "a2"]);
    const plain = await session(tenant, "sub");
    expect(await plain.ids()).toEqual(["n1"]);
    expect(await plain.count({ read: false })).toBe(1);
  });

  it("single-notification actions and deletes reach only notifications of the session's context", async () => {
    const tenant = await createTenant();
    const trigger = await seed(tenant);
    await trigger("acme-1", { tenant: "acme" });
    const acme = await session(tenant, "sub", { context: { tenant: "acme" } });
    const globex = await session(tenant, "sub", { context: { tenant: "globex" } });
    const bare = await session(tenant, "sub");
    const headers = (token: string) => ({ authorization: `Bearer ${token}` });
    const listed = await (
      await call("/v1/inbox/notifications?limit=1", { headers: headers(acme.token) })
    ).json<{ data: Item[] }>();
    const id = listed.data[0]?.id as string;

    for (const other of [globex, bare]) {
      for (const action of ["read", "archive", "snooze"]) {
        const res = await call(`/v1/inbox/notifications/${id}/${action}`, {
          method: "PATCH",
          headers: headers(other.token),
          body: action === "snooze" ? { snoozeUntil: new Date(Date.now() + 60_000).toISOString() } : {},
        });
        expect(res.status).toBe(404);
        expect(await res.json()).toMatchObject({ statusCode: 404 });
      }
      const removed = await call(`/v1/inbox/notifications/${id}/delete`, {
        method: "DELETE",
        headers: headers(other.token),
      });
      expect(removed.status).toBe(404);
    }
    expect(await acme.count({ read: false, archived: false })).toBe(1);
    expect(await acme.ids()).toEqual(["acme-1"]);

    const read = await call(`/v1/inbox/notifications/${id}/read`, {
      method: "PATCH",
      headers: headers(acme.token),
    });
    expect(await read.json()).toMatchObject({ data: { id, isRead: true } });
    const removed = await call(`/v1/inbox/notifications/${id}/delete`, {
      method: "DELETE",
      headers: headers(acme.token),
    });
    expect(removed.status).toBe(204);
    expect(await acme.ids()).toEqual([]);
  });

  it("creates the session's missing contexts and leaves existing ones unchanged", async () => {
    const tenant = await createTenant();
    const server = api(tenant);
    await server("/v2/contexts", {
      method: "POST",
      body: { type: "tenant", id: "acme", data: { name: "Acme" } },
    });
    await session(tenant, "sub", {
      context: { tenant: { id: "acme", data: { name: "Changed" } }, app: { id: "web", data: { v: 1 } } },
    });
    expect(await (await server("/v2/contexts/tenant/acme")).json()).toMatchObject({ data: { name: "Acme" } });
    expect(await (await server("/v2/contexts/app/web")).json()).toMatchObject({ data: { v: 1 } });
  });

  it("refuses a malformed session context with 422", async () => {
    const tenant = await createTenant();
    for (const context of ["acme", { tenant: "" }, { tenant: { data: {} } }, { "no spaces": "x" }]) {
      const res = await openSession(tenant, "sub", { context });
      expect(res.status).toBe(422);
      expect(await res.json()).toMatchObject({ statusCode: 422, message: "Validation Error" });
    }
    expect(await (await api(tenant)("/v2/contexts")).json()).toMatchObject({ totalCount: 0 });
  });

  it("with HMAC on, needs the contextHash of the exact context the session names", async () => {
    const tenant = await createTenant();
    const server = api(tenant);
    await server("/v1/integrations", {
      method: "POST",
      body: { providerId: "novu", channel: "in_app", active: true, credentials: { hmac: true } },
    });
    const subscriberHash = await hmacSha256Hex(tenant.secretKey, "sub");
    const context = { tenant: { id: "acme", data: { plan: "pro", name: "Acme" } } };
    // Novu signs the context's canonical JSON: keys sorted at every level, no whitespace.
    const canonical = '{"tenant":{"data":{"name":"Acme","plan":"pro"},"id":"acme"}}';
    const contextHash = await hmacSha256Hex(tenant.secretKey, canonical);

    const refused = async (extra: SessionBody) => {
      const res = await openSession(tenant, "sub", { subscriberHash, ...extra });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({
        statusCode: 400,
        message: "Please provide a valid context HMAC hash",
      });
    };
    await refused({ context });
    await refused({ context, contextHash: await hmacSha256Hex(tenant.secretKey, JSON.stringify(context)) });
    await refused({ context, contextHash: await hmacSha256Hex("another-key", canonical) });
    await refused({ context: { tenant: { id: "globex", data: context.tenant.data } }, contextHash });
    await refused({ context: { tenant: { id: "acme", data: { plan: "free", name: "Acme" } } }, contextHash });
    expect((await server("/v2/contexts")).status).toBe(200);
    expect(await (await server("/v2/contexts")).json()).toMatchObject({ totalCount: 0 });

    const accepted = await openSession(tenant, "sub", { subscriberHash, context, contextHash });
    expect(accepted.status).toBe(201);
    expect(await accepted.json()).toMatchObject({ data: { contextKeys: ["tenant:acme"] } });
    // A session without context needs no contextHash.
    expect((await openSession(tenant, "sub", { subscriberHash })).status).toBe(201);
  });
});

describe("Inbox sockets in a context", () => {
  it("push a notification, and counts, only to sockets whose session context matches", async () => {
    const tenant = await createTenant();
    const trigger = await seed(tenant);
    const acme = await connect((await session(tenant, "sub", { context: { tenant: "acme" } })).token);
    const plain = await connect((await session(tenant, "sub")).token);

    await trigger("for-acme", { tenant: "acme" });
    await acme.waitFor(() => acme.frames.length >= 3);
    await plain.waitFor(() => plain.frames.length >= 2);
    expect(acme.frames.map((f) => f.event)).toEqual([
      "notification_received",
      "unseen_count_changed",
      "unread_count_changed",
    ]);
    expect(acme.frames[0]?.data.message).toMatchObject({ transactionId: "for-acme" });
    expect(acme.frames[2]?.data).toMatchObject({ unreadCount: 1 });
    expect(plain.frames.map((f) => [f.event, f.data])).toEqual([
      ["unseen_count_changed", { unseenCount: 0 }],
      ["unread_count_changed", { unreadCount: 0, counts: { total: 0, severity: {} } }],
    ]);

    await trigger("for-nobody", { tenant: "globex" });
    await trigger("for-plain");
    await plain.waitFor(() => plain.frames.some((f) => f.event === "notification_received"));
    const received = (frames: Frame[]) =>
      frames
        .filter((f) => f.event === "notification_received")
        .map((f) => (f.data.message as { transactionId: string }).transactionId);
    expect(received(plain.frames)).toEqual(["for-plain"]);
    expect(received(acme.frames)).toEqual(["for-acme"]);
    acme.socket.close(1000, "done");
    plain.socket.close(1000, "done");
  });
});
