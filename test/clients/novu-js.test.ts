// The official Inbox SDK, @novu/js, in Node against a real `wrangler dev`: session, REST actions and the socket.
import { Novu as ServerApi } from "@novu/api";
import { type Events, type Notification, Novu } from "@novu/js";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { WebSocket } from "ws";

// Node 20 has no global WebSocket; @novu/js (PartySocket) looks it up when it connects.
Object.assign(globalThis, { WebSocket });

const apiUrl = inject("apiUrl");
const socketUrl = apiUrl.replace("http", "ws");
const { secretKey, applicationIdentifier } = inject("development");
const server = new ServerApi({ secretKey, serverURL: apiUrl, retryConfig: { strategy: "none" } });
const run = Date.now().toString(36);
const workflowId = `inbox-${run}`;
const opened: Novu[] = [];

function inbox(subscriberId: string, appId = applicationIdentifier) {
  const novu = new Novu({
    applicationIdentifier: appId,
    subscriber: { subscriberId },
    apiUrl,
    socketUrl,
    socketOptions: { socketType: "cloud" },
    useCache: false,
  });
  opened.push(novu);
  // The session starts in the constructor; its outcome is an event.
  const session = new Promise<Events["session.initialize.resolved"]>((resolve) =>
    novu.on("session.initialize.resolved", resolve),
  );
  return { novu, session };
}

const trigger = (subscriberId: string, x: number) =>
  server.trigger({ workflowId, to: { subscriberId, firstName: "Grace" }, payload: { x } });

async function list(novu: Novu, args: Parameters<Novu["notifications"]["list"]>[0] = {}) {
  const { data, error } = await novu.notifications.list(args);
  expect(error).toBeUndefined();
  return data?.notifications ?? [];
}

async function unread(novu: Novu): Promise<number | undefined> {
  const { data, error } = await novu.notifications.count({ read: false });
  expect(error).toBeUndefined();
  return data?.count;
}

/** Resolves with the first event `subscribe` delivers, or rejects after `ms`. */
function next<T>(subscribe: (resolve: (value: T) => void) => void, ms = 10_000): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no event within ${ms} ms`)), ms);
    subscribe((value) => {
      clearTimeout(timer);
      resolve(value);
    });
  });
}

beforeAll(async () => {
  await server.workflows.create({
    name: "Inbox",
    workflowId,
    active: true,
    steps: [
      {
        name: "In-app",
        type: "in_app",
        controlValues: { subject: "Hi {{subscriber.firstName}}", body: "You have {{payload.x}} new items" },
      },
    ],
  });
});

afterAll(async () => {
  await Promise.all(opened.map((novu) => novu.socket.disconnect()));
});

describe("Inbox over REST", () => {
  it("opens a session and lists a notification rendered from the server trigger", async () => {
    const subscriberId = `grace-${run}`;
    await trigger(subscriberId, 3);
    const { novu, session } = inbox(subscriberId);
    const { data, error } = await session;
    expect(error).toBeUndefined();
    expect(data?.token).toBeTruthy();
    expect(data?.unreadCount).toEqual({ total: 1, severity: expect.any(Object) });

    const [notification, ...rest] = await list(novu);
    expect(rest).toHaveLength(0);
    expect(notification).toMatchObject({
      subject: "Hi Grace",
      body: "You have 3 new items",
      isRead: false,
      isArchived: false,
      channelType: "in_app",
    });
    expect(notification?.to.subscriberId).toBe(subscriberId);
    expect(await unread(novu)).toBe(1);
  });

  it("reads and archives one notification, then reads and archives all", async () => {
    const subscriberId = `actions-${run}`;
    for (const x of [1, 2, 3]) await trigger(subscriberId, x);
    const { novu } = inbox(subscriberId);
    const [newest, second] = await list(novu);
    expect(newest?.body).toBe("You have 3 new items");

    const read = await (newest as Notification).read();
    expect(read.data).toMatchObject({ id: newest?.id, isRead: true });
    expect(await unread(novu)).toBe(2);

    const archived = await (second as Notification).archive();
    expect(archived.data).toMatchObject({ id: second?.id, isArchived: true });
    expect((await list(novu, { archived: true })).map((n) => n.id)).toEqual([second?.id]);
    expect(await list(novu, { archived: false })).toHaveLength(2);

    expect((await novu.notifications.readAll()).error).toBeUndefined();
    expect(await unread(novu)).toBe(0);
    expect((await list(novu, { archived: false })).every((n) => n.isRead)).toBe(true);

    expect((await novu.notifications.archiveAll()).error).toBeUndefined();
    expect(await list(novu, { archived: false })).toHaveLength(0);
    expect(await list(novu, { archived: true })).toHaveLength(3);
  });

  it("fails the session for an unknown application identifier", async () => {
    const { novu, session } = inbox(`stranger-${run}`, "no-such-application");
    const { data, error } = await session;
    expect(data).toBeUndefined();
    expect(error).toBeTruthy();
    expect((await novu.notifications.list()).error).toBeTruthy();
  });
});

describe("Inbox over the socket", () => {
  it("pushes notification_received and unread_count_changed for a trigger", async () => {
    const subscriberId = `live-${run}`;
    const { novu, session } = inbox(subscriberId);
    await session;
    const connected = next<{ error?: unknown }>((resolve) => novu.on("socket.connect.resolved", resolve));
    const received = next<Notification>((resolve) =>
      novu.on("notifications.notification_received", ({ result }) => resolve(result)),
    );
    const counted = next<Events["notifications.unread_count_changed"]["result"]>((resolve) =>
      novu.on("notifications.unread_count_changed", ({ result }) => resolve(result)),
    );
    expect((await connected).error).toBeUndefined();

    await trigger(subscriberId, 7);
    const notification = await received;
    expect(notification).toMatchObject({ subject: "Hi Grace", body: "You have 7 new items", isRead: false });
    expect(notification.to.subscriberId).toBe(subscriberId);
    expect((await list(novu)).map((n) => n.id)).toEqual([notification.id]);
    expect(await counted).toEqual({ total: 1, severity: expect.any(Object) });
  });

  it("refuses a socket with a bad or missing token", async () => {
    for (const url of [`${socketUrl}/?token=bad`, `${socketUrl}/`]) {
      const socket = new WebSocket(url);
      const outcome = await new Promise<string>((resolve) => {
        socket.on("unexpected-response", (_request, response) => resolve(`http ${response.statusCode}`));
        socket.on("open", () => resolve("open"));
        socket.on("error", (error) => resolve(`error ${error.message}`));
      });
      socket.terminate();
      expect(outcome).toBe("http 401");
    }
  });
});
