import { runDurableObjectAlarm } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, call, createTenant, inAppWorkflow, openInbox, type TestTenant } from "./fixtures";

type Notification = {
  id: string;
  isRead: boolean;
  isSeen: boolean;
  isArchived: boolean;
  isSnoozed: boolean;
} & Record<string, unknown>;
type Inbox = Awaited<ReturnType<typeof openInbox>>;

async function seed(tenant: TestTenant, subscriberId: string, messages: string[], tags: string[] = []) {
  const server = api(tenant);
  const workflow = inAppWorkflow(`wf-${tags.join("-")}`, { data: { region: "{{payload.region}}" } });
  await server("/v2/workflows", { method: "POST", body: { ...workflow, tags } });
  for (const message of messages) {
    await server("/v1/events/trigger", {
      method: "POST",
      body: {
        name: `wf-${tags.join("-")}`,
        to: subscriberId,
        payload: { message, region: message.startsWith("eu") ? "eu" : "us" },
      },
    });
  }
}

async function list(inbox: Inbox, query = "") {
  const res = await inbox.call(`/v1/inbox/notifications?limit=50${query}`);
  expect(res.status).toBe(200);
  return (await res.json<{ data: Notification[]; hasMore: boolean }>()).data;
}

async function counts(inbox: Inbox, filters: unknown[]) {
  const res = await inbox.call(
    `/v1/inbox/notifications/count?filters=${encodeURIComponent(JSON.stringify(filters))}`,
  );
  expect(res.status).toBe(200);
  return (await res.json<{ data: Array<{ count: number }> }>()).data.map((c) => c.count);
}

describe("Inbox API", () => {
  it("lists newest first and pages with offset and after", async () => {
    const tenant = await createTenant();
    await seed(tenant, "s", ["one", "two", "three"]);
    const inbox = await openInbox(tenant, "s");
    expect((await list(inbox)).map((n) => n.body)).toEqual(["three", "two", "one"]);

    const first = await (await inbox.call("/v1/inbox/notifications?limit=2")).json<{
      data: Notification[];
      hasMore: boolean;
    }>();
    expect(first.hasMore).toBe(true);
    const after = first.data[1]?.id;
    const rest = await (await inbox.call(`/v1/inbox/notifications?limit=2&after=${after}`)).json<{
      data: Notification[];
      hasMore: boolean;
    }>();
    expect(rest.data.map((n) => n.body)).toEqual(["one"]);
    expect(rest.hasMore).toBe(false);
    expect((await list(inbox, "&offset=1")).map((n) => n.body)).toEqual(["two", "one"]);
  });

  it("reads, unreads, archives and unarchives one notification, with counts following", async () => {
    const tenant = await createTenant();
    await seed(tenant, "s", ["a", "b"]);
    const inbox = await openInbox(tenant, "s");
    const [newest] = await list(inbox);
    if (!newest) throw new Error("no notification");

    const read = await inbox.call(`/v1/inbox/notifications/${newest.id}/read`, { method: "PATCH" });
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({
      data: { id: newest.id, isRead: true, isSeen: true, readAt: expect.any(String) },
    });
    expect(await counts(inbox, [{ read: false }, { read: true }])).toEqual([1, 1]);

    await inbox.call(`/v1/inbox/notifications/${newest.id}/unread`, { method: "PATCH" });
    expect(await counts(inbox, [{ read: false }])).toEqual([2]);

    const archived = await inbox.call(`/v1/inbox/notifications/${newest.id}/archive`, { method: "PATCH" });
    expect(await archived.json()).toMatchObject({ data: { isArchived: true, isRead: true } });
    expect((await list(inbox, "&archived=false")).map((n) => n.body)).toEqual(["a"]);
    expect((await list(inbox, "&archived=true")).map((n) => n.body)).toEqual(["b"]);

    await inbox.call(`/v1/inbox/notifications/${newest.id}/unarchive`, { method: "PATCH" });
    expect(await counts(inbox, [{ archived: false }])).toEqual([2]);
  });

  it("completes and reverts action buttons", async () => {
    const tenant = await createTenant();
    const server = api(tenant);
    await server("/v2/workflows", {
      method: "POST",
      body: inAppWorkflow("cta", {
        primaryAction: {
          label: "Open {{payload.message}}",
          redirect: { url: "/orders/{{payload.message}}" },
        },
        redirect: { url: "https://example.com", target: "_blank" },
      }),
    });
    await server("/v1/events/trigger", {
      method: "POST",
      body: { name: "cta", to: "s", payload: { message: "42" } },
    });
    const inbox = await openInbox(tenant, "s");
    const [notification] = await list(inbox);
    expect(notification).toMatchObject({
      primaryAction: { label: "Open 42", isCompleted: false, redirect: { url: "/orders/42" } },
      redirect: { url: "https://example.com", target: "_blank" },
    });
    const done = await inbox.call(`/v1/inbox/notifications/${notification?.id}/complete`, {
      method: "PATCH",
      body: { actionType: "primary" },
    });
    expect(await done.json()).toMatchObject({ data: { primaryAction: { isCompleted: true } } });
    const reverted = await inbox.call(`/v1/inbox/notifications/${notification?.id}/revert`, {
      method: "PATCH",
      body: { actionType: "primary" },
    });
    expect(await reverted.json()).toMatchObject({ data: { primaryAction: { isCompleted: false } } });
  });

  it("applies bulk read, seen, archive and delete to what the tags and data select", async () => {
    const tenant = await createTenant();
    await seed(tenant, "s", ["eu-1", "us-1"], ["billing"]);
    await seed(tenant, "s", ["eu-2"], ["security"]);
    const inbox = await openInbox(tenant, "s");

    expect(
      await counts(inbox, [{ tags: ["billing"] }, { data: { region: "eu" } }, { tags: ["none"] }]),
    ).toEqual([2, 2, 0]);
    expect((await list(inbox, `&data=${encodeURIComponent('{"region":"us"}')}`)).map((n) => n.body)).toEqual([
      "us-1",
    ]);
    expect((await list(inbox, "&tags[]=billing")).length).toBe(2);

    const seen = await inbox.call("/v1/inbox/notifications/seen", {
      method: "POST",
      body: { tags: ["security"] },
    });
    expect(seen.status).toBe(204);
    expect(await counts(inbox, [{ seen: true }])).toEqual([1]);

    await inbox.call("/v1/inbox/notifications/read", { method: "POST", body: { tags: ["billing"] } });
    expect(await counts(inbox, [{ read: true, tags: ["billing"] }, { read: false }])).toEqual([2, 1]);

    await inbox.call("/v1/inbox/notifications/read-archive", { method: "POST", body: {} });
    expect(await counts(inbox, [{ archived: true }])).toEqual([2]);

    await inbox.call("/v1/inbox/notifications/delete", { method: "POST", body: { tags: ["security"] } });
    expect((await list(inbox)).map((n) => n.body).sort()).toEqual(["eu-1", "us-1"]);
  });

  it("snoozes until a time, and the alarm brings the notification back", async () => {
    const tenant = await createTenant();
    await seed(tenant, "s", ["later"]);
    const inbox = await openInbox(tenant, "s");
    const [notification] = await list(inbox);
    const until = new Date(Date.now() + 60_000).toISOString();
    const snoozed = await inbox.call(`/v1/inbox/notifications/${notification?.id}/snooze`, {
      method: "PATCH",
      body: { snoozeUntil: until },
    });
    expect(await snoozed.json()).toMatchObject({ data: { isSnoozed: true, snoozedUntil: until } });
    expect(await counts(inbox, [{ read: false, snoozed: false }])).toEqual([0]);

    const past = await inbox.call(`/v1/inbox/notifications/${notification?.id}/snooze`, {
      method: "PATCH",
      body: { snoozeUntil: new Date(Date.now() - 1000).toISOString() },
    });
    expect(past.status).toBe(400);

    const unsnoozed = await inbox.call(`/v1/inbox/notifications/${notification?.id}/unsnooze`, {
      method: "PATCH",
    });
    expect(await unsnoozed.json()).toMatchObject({ data: { isSnoozed: false, snoozedUntil: null } });

    await inbox.call(`/v1/inbox/notifications/${notification?.id}/snooze`, {
      method: "PATCH",
      body: { snoozeUntil: new Date(Date.now() + 1000).toISOString() },
    });
    await new Promise((resolve) => setTimeout(resolve, 1200));
    await runDurableObjectAlarm(env.SUBSCRIBER.getByName(`${tenant.environmentId}:s`));
    const [woken] = await list(inbox);
    expect(woken).toMatchObject({ isSnoozed: false, snoozedUntil: null });
    expect(woken?.deliveredAt).toHaveLength(2);
  });

  it("404s an unknown notification and another subscriber's, changing nothing", async () => {
    const tenant = await createTenant();
    await seed(tenant, "alice", ["alice's"]);
    const alice = await openInbox(tenant, "alice");
    const bob = await openInbox(tenant, "bob");
    const [mine] = await list(alice);

    for (const path of [
      `/v1/inbox/notifications/${mine?.id}/read`,
      "/v1/inbox/notifications/000000000000000000000000/read",
    ]) {
      const res = await bob.call(path, { method: "PATCH" });
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({
        statusCode: 404,
        message: expect.stringContaining("not found"),
      });
    }
    expect((await bob.call(`/v1/inbox/notifications/${mine?.id}/delete`, { method: "DELETE" })).status).toBe(
      404,
    );
    expect(await list(bob)).toEqual([]);
    expect((await list(alice))[0]).toMatchObject({ isRead: false });
  });

  it("refuses requests without a valid session token", async () => {
    expect((await call("/v1/inbox/notifications")).status).toBe(401);
    const forged = await call("/v1/inbox/notifications", {
      headers: { authorization: "Bearer eyJhbGciOiJIUzI1NiJ9.e30.x" },
    });
    expect(forged.status).toBe(401);
    expect(await forged.json()).toMatchObject({ statusCode: 401 });
  });

  it("refuses a session for an unknown application identifier", async () => {
    const res = await call("/v1/inbox/session", {
      method: "POST",
      body: { applicationIdentifier: "nope", subscriber: { subscriberId: "s" } },
    });
    expect(res.status).toBe(400);
  });

  it("rejects malformed filters and snooze bodies with 422", async () => {
    const tenant = await createTenant();
    const inbox = await openInbox(tenant, "s");
    expect((await inbox.call("/v1/inbox/notifications/count?filters=not-json")).status).toBe(422);
    expect((await inbox.call("/v1/inbox/notifications?read=maybe")).status).toBe(422);
    expect((await inbox.call("/v1/inbox/notifications?data=[1]")).status).toBe(422);
    expect(
      (
        await inbox.call("/v1/inbox/notifications/abc/snooze", {
          method: "PATCH",
          body: { snoozeUntil: "tomorrow" },
        })
      ).status,
    ).toBe(422);
  });
});
