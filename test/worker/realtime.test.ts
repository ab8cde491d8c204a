import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { api, createTenant, inAppWorkflow, openInbox } from "./fixtures";

type Frame = { event: string; data: Record<string, unknown> };

async function connect(token: string) {
  const res = await SELF.fetch(`http://api.test/?token=${token}`, { headers: { upgrade: "websocket" } });
  expect(res.status).toBe(101);
  const socket = res.webSocket;
  if (!socket) throw new Error("no websocket in the response");
  socket.accept();
  const frames: Frame[] = [];
  const texts: string[] = [];
  socket.addEventListener("message", (event) => {
    const text = String(event.data);
    texts.push(text);
    if (text.startsWith("{")) frames.push(JSON.parse(text) as Frame);
  });
  const waitFor = async (predicate: () => boolean) => {
    for (let i = 0; i < 100 && !predicate(); i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(predicate()).toBe(true);
  };
  return { socket, frames, texts, waitFor };
}

describe("Inbox websocket", () => {
  it("pushes notification_received and both count frames in the shapes @novu/js reads", async () => {
    const tenant = await createTenant();
    const server = api(tenant);
    await server("/v2/workflows", {
      method: "POST",
      body: inAppWorkflow("live", { primaryAction: { label: "View" }, redirect: { url: "/x" } }),
    });
    const inbox = await openInbox(tenant, "s");
    const live = await connect(inbox.token);

    await server("/v1/events/trigger", {
      method: "POST",
      body: {
        name: "live",
        to: { subscriberId: "s", firstName: "Sam" },
        payload: { message: "now" },
        transactionId: "t1",
      },
    });
    await live.waitFor(() => live.frames.length >= 3);
    expect(live.frames.map((f) => f.event)).toEqual([
      "notification_received",
      "unseen_count_changed",
      "unread_count_changed",
    ]);
    expect(live.frames[0]?.data.message).toMatchObject({
      transactionId: "t1",
      content: "now",
      subject: "Hi Sam",
      read: false,
      seen: false,
      archived: false,
      channel: "in_app",
      subscriber: { subscriberId: "s", firstName: "Sam" },
      cta: {
        data: { url: "/x" },
        action: { status: "pending", buttons: [{ type: "primary", content: "View" }] },
      },
    });
    expect(live.frames[1]?.data).toEqual({ unseenCount: 1 });
    expect(live.frames[2]?.data).toEqual({ unreadCount: 1, counts: { total: 1, severity: { none: 1 } } });

    const [notification] = (
      await (await inbox.call("/v1/inbox/notifications")).json<{ data: Array<{ id: string }> }>()
    ).data;
    await inbox.call(`/v1/inbox/notifications/${notification?.id}/read`, { method: "PATCH" });
    await live.waitFor(() => live.frames.length >= 5);
    expect(live.frames.slice(3).map((f) => f.data)).toEqual([
      { unseenCount: 0 },
      { unreadCount: 0, counts: { total: 0, severity: {} } },
    ]);
    live.socket.close(1000, "done");
  });

  it("answers the client's ping heartbeat", async () => {
    const tenant = await createTenant();
    const live = await connect((await openInbox(tenant, "s")).token);
    live.socket.send("ping");
    await live.waitFor(() => live.texts.includes("pong"));
    live.socket.close(1000, "done");
  });

  it("only reaches the subscriber the token belongs to", async () => {
    const tenant = await createTenant();
    const server = api(tenant);
    await server("/v2/workflows", { method: "POST", body: inAppWorkflow("private") });
    const bob = await connect((await openInbox(tenant, "bob")).token);
    await server("/v1/events/trigger", {
      method: "POST",
      body: { name: "private", to: "alice", payload: { message: "x" } },
    });
    await server("/v1/events/trigger", {
      method: "POST",
      body: { name: "private", to: "bob", payload: { message: "y" } },
    });
    await bob.waitFor(() => bob.frames.length >= 1);
    expect(bob.frames.filter((f) => f.event === "notification_received")).toHaveLength(1);
    expect(bob.frames[0]?.data.message).toMatchObject({ content: "y" });
    bob.socket.close(1000, "done");
  });

  it.each([
    ["no token", ""],
    ["a forged token", "?token=abc.def.ghi"],
  ])("refuses an upgrade with %s", async (_, query) => {
    const res = await SELF.fetch(`http://api.test/${query}`, { headers: { upgrade: "websocket" } });
    expect(res.status).toBe(401);
    expect(res.webSocket).toBeNull();
  });
});
