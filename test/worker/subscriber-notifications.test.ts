import { describe, expect, it } from "vitest";
import { api, createTenant, inAppWorkflow, sdk } from "./fixtures";

async function setup() {
  const tenant = await createTenant();
  const server = api(tenant);
  await server("/v2/workflows", {
    method: "POST",
    body: { ...inAppWorkflow("ops", { primaryAction: { label: "Go" } }), tags: ["billing"] },
  });
  for (const message of ["a", "b", "c"]) {
    await server("/v1/events/trigger", {
      method: "POST",
      body: { name: "ops", to: "s", payload: { message } },
    });
  }
  return { tenant, server, novu: sdk(tenant) };
}

describe("/v2/subscribers/{id}/notifications through the official SDK", () => {
  it("lists, counts and changes one notification", async () => {
    const { novu } = await setup();
    const list = await novu.subscribers.notifications.list({ subscriberId: "s", limit: 2 });
    expect(list.result.data.map((n) => n.body)).toEqual(["c", "b"]);
    expect(list.result.hasMore).toBe(true);
    const first = list.result.data[0]?.id ?? "";

    const read = await novu.subscribers.notifications.markAsRead({
      subscriberId: "s",
      notificationId: first,
    });
    expect(read.result).toMatchObject({ id: first, isRead: true });
    const counts = await novu.subscribers.notifications.count(
      "s",
      JSON.stringify([{ read: false }, { read: true }]),
    );
    expect(counts.result.map((c) => c.count)).toEqual([2, 1]);

    const done = await novu.subscribers.notifications.completeAction({
      subscriberId: "s",
      notificationId: first,
      actionType: "primary",
    });
    expect(done.result.primaryAction).toMatchObject({ isCompleted: true });
    await novu.subscribers.notifications.archive({ subscriberId: "s", notificationId: first });
    await novu.subscribers.notifications.delete({ subscriberId: "s", notificationId: first });
    expect((await novu.subscribers.notifications.list({ subscriberId: "s" })).result.data).toHaveLength(2);
  });

  it("applies bulk operations", async () => {
    const { novu } = await setup();
    await novu.subscribers.notifications.markAllAsRead({}, "s");
    const unread = await novu.subscribers.notifications.count("s", JSON.stringify([{ read: false }]));
    expect(unread.result[0]?.count).toBe(0);
    await novu.subscribers.notifications.archiveAllRead({}, "s");
    const archived = await novu.subscribers.notifications.list({ subscriberId: "s", archived: true });
    expect(archived.result.data).toHaveLength(3);
  });

  it("404s unknown subscribers and notifications, in Novu's error shape", async () => {
    const { server } = await setup();
    const ghost = await server("/v2/subscribers/ghost/notifications");
    expect(ghost.status).toBe(404);
    const missing = await server("/v2/subscribers/s/notifications/000000000000000000000000/read", {
      method: "PATCH",
    });
    expect(await missing.json()).toMatchObject({ statusCode: 404 });
    const stranger = api(await createTenant());
    expect((await stranger("/v2/subscribers/s/notifications")).status).toBe(404);
  });
});
