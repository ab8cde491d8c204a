import { describe, expect, it } from "vitest";
import { api, createTenant, inAppWorkflow, sdk } from "./fixtures";

async function setup() {
  const tenant = await createTenant();
  const server = api(tenant);
  await server("/v2/workflows", {
    method: "POST",
    body: inAppWorkflow("feed", { primaryAction: { label: "Open" } }),
  });
  for (const message of ["one", "two", "three"]) {
    await server("/v1/events/trigger", {
      method: "POST",
      body: { name: "feed", to: "s", payload: { message } },
    });
  }
  return { tenant, novu: sdk(tenant) };
}

describe("v1 subscriber feed and messages, through the official SDK", () => {
  it("pages the feed and counts unseen messages", async () => {
    const { novu } = await setup();
    const page = await novu.subscribers.notifications.feed({ subscriberId: "s", page: 0, limit: 2 });
    expect(page.result.data.map((m) => m.content)).toEqual(["three", "two"]);
    expect(page.result).toMatchObject({ page: 0, pageSize: 2, hasMore: true, totalCount: 3 });
    expect(page.result.data[0]).toMatchObject({
      channel: "in_app",
      read: false,
      seen: false,
      templateIdentifier: "feed",
    });
    const unseen = await novu.subscribers.notifications.unseenCount({ subscriberId: "s" });
    expect(unseen.result.count).toBe(3);
  });

  it("marks some and all messages, and completes an action", async () => {
    const { novu } = await setup();
    const { result } = await novu.subscribers.notifications.feed({ subscriberId: "s" });
    const [newest, middle] = result.data;
    const marked = await novu.subscribers.messages.markAllAs(
      { messageId: [newest?.id ?? "", middle?.id ?? ""], markAs: "seen" },
      "s",
    );
    expect(marked.result.map((m) => m.seen)).toEqual([true, true]);
    expect((await novu.subscribers.notifications.unseenCount({ subscriberId: "s" })).result.count).toBe(1);

    const all = await novu.subscribers.messages.markAll({ markAs: "read" }, "s");
    expect(all.result).toBe(3);
    const done = await novu.subscribers.messages.updateAsSeen({
      subscriberId: "s",
      messageId: newest?.id ?? "",
      type: "primary",
      markMessageActionAsSeenDto: { status: "done" },
    });
    expect(done.result).toMatchObject({ cta: { action: { status: "done" } } });
  });

  it("404s an unknown subscriber or message", async () => {
    const { tenant } = await setup();
    const server = api(tenant);
    expect((await server("/v1/subscribers/ghost/notifications/feed")).status).toBe(404);
    const res = await server("/v1/subscribers/s/messages/mark-as", {
      method: "POST",
      body: { messageId: "nope", markAs: "read" },
    });
    expect(res.status).toBe(404);
    expect(
      (await server("/v1/subscribers/s/messages/mark-as", { method: "POST", body: { markAs: "read" } }))
        .status,
    ).toBe(422);
  });
});
