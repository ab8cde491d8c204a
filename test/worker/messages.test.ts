import { SELF } from "cloudflare:test";
import { describe, expect, it, vi } from "vitest";
import { api, createTenant, inAppWorkflow, openInbox, sendgridIntegration } from "./fixtures";

type Message = {
  _id: string;
  _subscriberId: string;
  channel: string;
  transactionId: string;
  status: string;
  content: string | null;
  read: boolean;
  providerId?: string;
};
type Page = { data: Message[]; hasMore: boolean; page: number; pageSize: number; totalCount: number };
type Server = ReturnType<typeof api>;

const list = async (server: Server, query = "") => (await server(`/v1/messages${query}`)).json<Page>();
const summary = (page: Page) => page.data.map((m) => `${m.transactionId} ${m.channel} ${m.content}`);

/**
 * An in-app + email workflow sent three times: tx-1 to m, tx-2 to m and n, tx-3 to n; eight messages in all. Each
 * trigger waits for its emails to be logged, so every message of a trigger is newer than those of the one before.
 */
async function setup() {
  const tenant = await createTenant();
  const server = api(tenant);
  await sendgridIntegration(server, "messages");
  await server("/v2/workflows", {
    method: "POST",
    body: {
      ...inAppWorkflow("both"),
      steps: [
        { name: "Inbox", type: "in_app", controlValues: { body: "in app {{payload.n}}" } },
        { name: "Mail", type: "email", controlValues: { subject: "s", body: "mail {{payload.n}}" } },
      ],
    },
  });
  const to = { m: { subscriberId: "m", email: "m@x.io" }, n: { subscriberId: "n", email: "n@x.io" } };
  const sends = [
    { n: 1, to: [to.m], total: 1 },
    { n: 2, to: [to.m, to.n], total: 3 },
    { n: 3, to: [to.n], total: 4 },
  ];
  for (const { n, to, total } of sends) {
    const res = await server("/v1/events/trigger", {
      method: "POST",
      body: { name: "both", to, payload: { n }, transactionId: `tx-${n}` },
    });
    expect(res.status).toBe(201);
    await vi.waitFor(
      async () => {
        expect((await list(server, "?channel=email")).totalCount).toBe(total);
        expect((await list(server, "?channel=in_app")).totalCount).toBe(total);
      },
      { timeout: 10_000, interval: 100 },
    );
  }
  return { tenant, server };
}

async function connect(token: string) {
  const res = await SELF.fetch(`http://api.test/?token=${token}`, { headers: { upgrade: "websocket" } });
  const socket = res.webSocket;
  if (!socket) throw new Error("no websocket in the response");
  socket.accept();
  const frames: Array<{ event: string; data: Record<string, unknown> }> = [];
  socket.addEventListener("message", (event) => {
    const text = String(event.data);
    if (text.startsWith("{")) frames.push(JSON.parse(text));
  });
  return { socket, frames };
}

describe("/v1/messages", { timeout: 30_000 }, () => {
  it("lists every channel of every subscriber, newest first, in pages", async () => {
    const { server } = await setup();
    const all = await list(server);
    expect(all).toMatchObject({ totalCount: 8, hasMore: false, page: 0, pageSize: 10 });
    expect(all.data.map((m) => m.transactionId)).toEqual([
      ...["tx-3", "tx-3"],
      ...["tx-2", "tx-2", "tx-2", "tx-2"],
      ...["tx-1", "tx-1"],
    ]);
    expect(new Set(all.data.map((m) => m._id)).size).toBe(8);

    const inApp = await list(server, "?channel=in_app");
    expect(summary(inApp)).toEqual([
      "tx-3 in_app in app 3",
      "tx-2 in_app in app 2",
      "tx-2 in_app in app 2",
      "tx-1 in_app in app 1",
    ]);
    expect(inApp.data[0]).toMatchObject({ status: "sent", providerId: "novu", read: false });
    expect(new Set(inApp.data.map((m) => m._subscriberId)).size).toBe(2);

    const first = await list(server, "?limit=3&page=0");
    const second = await list(server, "?limit=3&page=1");
    const last = await list(server, "?limit=3&page=2");
    expect([first, second, last].map((p) => [p.data.length, p.hasMore, p.totalCount, p.page])).toEqual([
      [3, true, 8, 0],
      [3, true, 8, 1],
      [2, false, 8, 2],
    ]);
    expect([...first.data, ...second.data, ...last.data].map((m) => m._id)).toEqual(
      all.data.map((m) => m._id),
    );
    expect((await list(server, "?page=5")).data).toEqual([]);

    const ofN = await list(server, "?subscriberId=n");
    expect(ofN.totalCount).toBe(4);
    expect(ofN.data.map((m) => `${m.transactionId} ${m.channel}`).sort()).toEqual([
      "tx-2 email",
      "tx-2 in_app",
      "tx-3 email",
      "tx-3 in_app",
    ]);
    const inAppOfM = await list(server, "?channel=in_app&subscriberId=m");
    expect(summary(inAppOfM)).toEqual(["tx-2 in_app in app 2", "tx-1 in_app in app 1"]);

    const byTransaction = await list(server, "?transactionId=tx-1&transactionId=tx-3&channel=in_app");
    expect(summary(byTransaction)).toEqual(["tx-3 in_app in app 3", "tx-1 in_app in app 1"]);
    const oneTransaction = await list(server, "?transactionId=tx-2&limit=1");
    expect([oneTransaction.data.length, oneTransaction.hasMore, oneTransaction.totalCount]).toEqual([
      1,
      true,
      4,
    ]);
    expect((await list(server, "?channel=sms")).totalCount).toBe(0);
  });

  it("deletes an in-app message by id: gone from the inbox, its counts pushed", async () => {
    const { tenant, server } = await setup();
    const inbox = await openInbox(tenant, "n");
    expect(inbox.totalUnreadCount).toBe(2);
    const live = await connect(inbox.token);
    const [target] = (await list(server, "?channel=in_app&transactionId=tx-3")).data;
    expect(target?.content).toBe("in app 3");

    const res = await server(`/v1/messages/${target?._id}`, { method: "DELETE" });
    expect(await res.json()).toEqual({ data: { acknowledged: true, status: "deleted" } });
    await vi.waitFor(() => expect(live.frames.map((f) => f.data)).toContainEqual({ unseenCount: 1 }));
    expect(live.frames.find((f) => f.event === "unread_count_changed")?.data).toMatchObject({
      unreadCount: 1,
    });
    live.socket.close(1000, "done");

    const left = await (await inbox.call("/v1/inbox/notifications")).json<{ data: Array<{ id: string }> }>();
    expect(left.data.map((n) => n.id)).not.toContain(target?._id);
    expect(left.data).toHaveLength(1);
    const count = await inbox.call(
      `/v1/inbox/notifications/count?filters=${encodeURIComponent('[{"read":false}]')}`,
    );
    expect((await count.json<{ data: Array<{ count: number }> }>()).data[0]?.count).toBe(1);

    const inApp = await list(server, "?channel=in_app");
    expect(inApp.data.map((m) => m._id)).not.toContain(target?._id);
    expect(summary(inApp)).toEqual(["tx-2 in_app in app 2", "tx-2 in_app in app 2", "tx-1 in_app in app 1"]);
    expect((await list(server, "?channel=email")).totalCount).toBe(4);

    expect((await server(`/v1/messages/${target?._id}`, { method: "DELETE" })).status).toBe(404);
  });

  it("deletes a send by id, and every message of a transaction for all its recipients", async () => {
    const { tenant, server } = await setup();
    const [email] = (await list(server, "?channel=email&transactionId=tx-1")).data;
    expect((await server(`/v1/messages/${email?._id}`, { method: "DELETE" })).status).toBe(200);
    expect((await list(server, "?channel=email")).totalCount).toBe(3);

    expect((await server("/v1/messages/transaction/tx-2", { method: "DELETE" })).status).toBe(204);
    expect(summary(await list(server, "?channel=in_app"))).toEqual([
      "tx-3 in_app in app 3",
      "tx-1 in_app in app 1",
    ]);
    expect((await list(server, "?transactionId=tx-2")).data).toEqual([]);
    for (const [subscriberId, left] of [
      ["m", ["tx-1"]],
      ["n", ["tx-3"]],
    ] as const) {
      const inbox = await (await openInbox(tenant, subscriberId)).call("/v1/inbox/notifications");
      const data = (await inbox.json<{ data: Array<{ transactionId: string }> }>()).data;
      expect(data.map((n) => n.transactionId)).toEqual(left);
    }

    expect((await server("/v1/messages/transaction/tx-3?channel=in_app", { method: "DELETE" })).status).toBe(
      204,
    );
    expect(summary(await list(server, "?transactionId=tx-3"))).toEqual(["tx-3 email mail 3"]);
    expect((await server("/v1/messages/transaction/tx-2", { method: "DELETE" })).status).toBe(404);
    expect((await server("/v1/messages/transaction/tx-unknown", { method: "DELETE" })).status).toBe(404);
  });

  it("answers 404 for ids no message has", async () => {
    const { server } = await setup();
    const now = Math.floor(Date.now() / 1000).toString(16);
    for (const id of ["000000000000000000000000", `${now}0123456789abcdef`, "not-an-object-id"]) {
      const res = await server(`/v1/messages/${id}`, { method: "DELETE" });
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ statusCode: 404, message: `Message '${id}' was not found` });
    }
    expect((await list(server)).totalCount).toBe(8);
  });

  it("keeps environments apart", async () => {
    const { tenant, server } = await setup();
    const stranger = api(await createTenant());
    const [inApp] = (await list(server, "?channel=in_app")).data;
    const [email] = (await list(server, "?channel=email")).data;
    for (const query of [
      "",
      "?channel=in_app",
      "?transactionId=tx-2",
      "?subscriberId=n",
      "?channel=in_app&subscriberId=n",
    ]) {
      expect(await list(stranger, query)).toMatchObject({ data: [], totalCount: 0, hasMore: false });
    }
    for (const message of [inApp, email]) {
      expect((await stranger(`/v1/messages/${message?._id}`, { method: "DELETE" })).status).toBe(404);
    }
    expect((await stranger("/v1/messages/transaction/tx-1", { method: "DELETE" })).status).toBe(404);
    expect((await list(server)).totalCount).toBe(8);
    const inbox = await openInbox(tenant, "n");
    expect(inbox.totalUnreadCount).toBe(2);
  });

  it("refuses bad query parameters in Novu's error shape", async () => {
    const { server } = await setup();
    for (const query of [
      "?page=-1",
      "?page=abc",
      "?limit=0",
      "?limit=101",
      "?limit=2.5",
      "?channel=pigeon",
    ]) {
      const res = await server(`/v1/messages${query}`);
      expect([400, 422]).toContain(res.status);
      expect(await res.json()).toMatchObject({ statusCode: res.status, message: expect.anything() });
    }
    const res = await server("/v1/messages/transaction/tx-1?channel=pigeon", { method: "DELETE" });
    expect([400, 422]).toContain(res.status);
    expect((await list(server)).totalCount).toBe(8);
  });
});
