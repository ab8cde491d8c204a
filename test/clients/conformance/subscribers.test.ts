// v2 subscribers through @novu/api: CRUD, search, topic subscriptions, preferences and the Inbox operations by
// subscriberId, each asserting the SDK's typed result; then bad input and another environment's key.
import { describe, expect, it, vi } from "vitest";
import {
  development,
  expectNotFound,
  expectRawInvalid,
  inAppWorkflow,
  production,
  rejection,
  uniqueId,
} from "./helpers";

const run = uniqueId("subs");
const workflowId = `${run}-wf`;

describe("subscribers (v2)", () => {
  it("creates, retrieves, searches, patches and deletes", async () => {
    const subscriberId = `${run}-ada`;
    const created = await development.subscribers.create({
      subscriberId,
      firstName: "Ada",
      lastName: "Byron",
      email: `${subscriberId}@example.com`,
      phone: "+15550100",
      locale: "en-US",
      timezone: "Europe/London",
      data: { plan: "pro" },
    });
    expect(created.result).toMatchObject({
      subscriberId,
      firstName: "Ada",
      email: `${subscriberId}@example.com`,
      phone: "+15550100",
      data: { plan: "pro" },
      deleted: false,
    });
    expect(created.result.id).toMatch(/^[0-9a-f]{24}$/);
    expect(Number.isNaN(Date.parse(created.result.createdAt))).toBe(false);

    const retrieved = await development.subscribers.retrieve(subscriberId);
    expect(retrieved.result).toMatchObject({
      id: created.result.id,
      locale: "en-US",
      timezone: "Europe/London",
    });

    const byEmail = await development.subscribers.search({ email: `${subscriberId}@example.com` });
    expect(byEmail.result.data.map((s) => s.subscriberId)).toEqual([subscriberId]);
    const byId = await development.subscribers.search({ subscriberId, limit: 10 });
    expect(byId.result.data[0]).toMatchObject({ subscriberId, firstName: "Ada" });
    expect(byId.result).toHaveProperty("next");

    const patched = await development.subscribers.patch(
      { lastName: "Lovelace", data: { plan: "team" } },
      subscriberId,
    );
    expect(patched.result).toMatchObject({ firstName: "Ada", lastName: "Lovelace", data: { plan: "team" } });

    const overwritten = await development.subscribers.create({ subscriberId, firstName: "Augusta" });
    expect(overwritten.result).toMatchObject({ id: created.result.id, firstName: "Augusta" });

    const removed = await development.subscribers.delete(subscriberId);
    expect(removed.result).toEqual({ acknowledged: true, status: "deleted" });
    await expectNotFound(development.subscribers.retrieve(subscriberId));
  });

  it("lists a subscriber's topic subscriptions", async () => {
    const subscriberId = `${run}-topics`;
    await development.subscribers.create({ subscriberId });
    await development.topics.create({ key: `${run}-news`, name: "News" });
    await development.topics.subscriptions.create({ subscriptions: [subscriberId] }, `${run}-news`);
    const { result } = await development.subscribers.topics.list({ subscriberId });
    expect(result.data).toHaveLength(1);
    expect(result.data[0]).toMatchObject({
      topic: { key: `${run}-news`, name: "News" },
      subscriber: { subscriberId },
    });
    expect(result.data[0]?.id).toEqual(expect.any(String));
  });

  it("reads and updates preferences, globally, per workflow and in bulk", async () => {
    const subscriberId = `${run}-prefs`;
    await inAppWorkflow(development, workflowId);
    await development.subscribers.create({ subscriberId });

    const initial = await development.subscribers.preferences.list({ subscriberId });
    expect(initial.result.global).toMatchObject({ enabled: true });
    const mine = initial.result.workflows.find((w) => w.workflow.identifier === workflowId);
    expect(mine).toMatchObject({ enabled: true, channels: { inApp: true } });

    const global = await development.subscribers.preferences.update(
      { channels: { email: false } },
      subscriberId,
    );
    expect(global.result.global.channels).toMatchObject({ email: false });

    const perWorkflow = await development.subscribers.preferences.update(
      { channels: { inApp: false }, workflowId },
      subscriberId,
    );
    const updated = perWorkflow.result.workflows.find((w) => w.workflow.identifier === workflowId);
    expect(updated?.channels).toMatchObject({ inApp: false });

    const bulk = await development.subscribers.preferences.bulkUpdate(
      { preferences: [{ workflowId, channels: { inApp: true } }] },
      subscriberId,
    );
    expect(bulk.result).toHaveLength(1);
    expect(bulk.result[0]).toMatchObject({ workflow: { identifier: workflowId }, channels: { inApp: true } });
  });

  it("drives the Inbox operations of one subscriber", async () => {
    const subscriberId = `${run}-inbox`;
    await development.workflows.create({
      name: "With actions",
      workflowId: `${workflowId}-actions`,
      active: true,
      steps: [
        {
          name: "Inbox",
          type: "in_app",
          controlValues: { body: "{{payload.message}}", primaryAction: { label: "Open" } },
        },
      ],
    });
    for (const message of ["a", "b", "c"]) {
      await development.trigger({
        workflowId: `${workflowId}-actions`,
        to: subscriberId,
        payload: { message },
      });
    }
    const list = await vi.waitFor(
      async () => {
        const page = await development.subscribers.notifications.list({ subscriberId, limit: 2 });
        expect(page.result.data).toHaveLength(2);
        return page;
      },
      { timeout: 10_000, interval: 200 },
    );
    expect(list.result.hasMore).toBe(true);
    const [newest, second] = list.result.data;
    const id = newest?.id ?? "";
    expect(newest).toMatchObject({
      body: "c",
      isRead: false,
      isSeen: false,
      isArchived: false,
      channelType: "in_app",
    });
    expect(newest?.to).toMatchObject({ subscriberId });
    expect(newest?.workflow).toMatchObject({ identifier: `${workflowId}-actions` });

    const read = await development.subscribers.notifications.markAsRead({ subscriberId, notificationId: id });
    expect(read.result).toMatchObject({ id, isRead: true });
    const unread = await development.subscribers.notifications.markAsUnread({
      subscriberId,
      notificationId: id,
    });
    expect(unread.result).toMatchObject({ id, isRead: false });

    const counts = await development.subscribers.notifications.count(
      subscriberId,
      JSON.stringify([{ read: false }, { archived: true }]),
    );
    expect(counts.result.map((c) => c.count)).toEqual([3, 0]);

    const done = await development.subscribers.notifications.completeAction({
      subscriberId,
      notificationId: id,
      actionType: "primary",
    });
    expect(done.result.primaryAction).toMatchObject({ label: "Open", isCompleted: true });
    const reverted = await development.subscribers.notifications.revertAction({
      subscriberId,
      notificationId: id,
      actionType: "primary",
    });
    expect(reverted.result.primaryAction).toMatchObject({ isCompleted: false });

    const archived = await development.subscribers.notifications.archive({
      subscriberId,
      notificationId: id,
    });
    expect(archived.result).toMatchObject({ id, isArchived: true });
    const unarchived = await development.subscribers.notifications.unarchive({
      subscriberId,
      notificationId: id,
    });
    expect(unarchived.result).toMatchObject({ id, isArchived: false });

    const snoozeUntil = new Date(Date.now() + 3_600_000);
    const snoozed = await development.subscribers.notifications.snooze({
      subscriberId,
      notificationId: id,
      snoozeSubscriberNotificationDto: { snoozeUntil },
    });
    expect(snoozed.result).toMatchObject({ id, isSnoozed: true });
    const unsnoozed = await development.subscribers.notifications.unsnooze({
      subscriberId,
      notificationId: id,
    });
    expect(unsnoozed.result).toMatchObject({ id, isSnoozed: false });

    await development.subscribers.notifications.markAsSeen({ notificationIds: [id] }, subscriberId);
    const seen = await development.subscribers.notifications.list({ subscriberId, seen: true });
    expect(seen.result.data.map((n) => n.id)).toEqual([id]);

    await development.subscribers.notifications.delete({ subscriberId, notificationId: second?.id ?? "" });
    await development.subscribers.notifications.markAllAsRead({}, subscriberId);
    await development.subscribers.notifications.archiveAllRead({}, subscriberId);
    const allArchived = await development.subscribers.notifications.list({ subscriberId, archived: true });
    expect(allArchived.result.data.map((n) => n.body).sort()).toEqual(["a", "c"]);

    await development.trigger({
      workflowId: `${workflowId}-actions`,
      to: subscriberId,
      payload: { message: "d" },
    });
    await vi.waitFor(
      async () => {
        const fresh = await development.subscribers.notifications.list({ subscriberId, archived: false });
        expect(fresh.result.data.map((n) => n.body)).toEqual(["d"]);
      },
      { timeout: 10_000, interval: 200 },
    );
    await development.subscribers.notifications.archiveAll({}, subscriberId);
    const noneLeft = await development.subscribers.notifications.count(
      subscriberId,
      JSON.stringify([{ archived: false }, { archived: true }]),
    );
    expect(noneLeft.result.map((c) => c.count)).toEqual([0, 3]);

    await development.subscribers.notifications.deleteAll({}, subscriberId);
    const empty = await development.subscribers.notifications.list({ subscriberId, archived: true });
    expect(empty.result.data).toEqual([]);
  });

  it("refuses bad input, unknown ids and another environment's key", async () => {
    const subscriberId = `${run}-guarded`;
    await development.subscribers.create({ subscriberId, firstName: "Dev" });

    await expectRawInvalid("/v2/subscribers", { body: { subscriberId: 42 } });
    await expectRawInvalid("/v2/subscribers", { body: { firstName: "No id" } });
    await expectRawInvalid(`/v2/subscribers/${subscriberId}`, { method: "PATCH", body: { email: ["x"] } });

    const conflict = await rejection(development.subscribers.create({ subscriberId }, true));
    expect(conflict.statusCode).toBe(409);

    const ghost = `${run}-ghost`;
    await expectNotFound(development.subscribers.retrieve(ghost));
    await expectNotFound(development.subscribers.patch({ firstName: "X" }, ghost));
    await expectNotFound(development.subscribers.delete(ghost));
    await expectNotFound(development.subscribers.preferences.list({ subscriberId: ghost }));
    await expectNotFound(development.subscribers.notifications.list({ subscriberId: ghost }));
    await expectNotFound(
      development.subscribers.notifications.markAsRead({
        subscriberId,
        notificationId: "000000000000000000000000",
      }),
    );

    await expectNotFound(production.subscribers.retrieve(subscriberId));
    await expectNotFound(production.subscribers.patch({ firstName: "Prod" }, subscriberId));
    await expectNotFound(production.subscribers.delete(subscriberId));
    const prodSearch = await production.subscribers.search({ subscriberId });
    expect(prodSearch.result.data).toEqual([]);
    expect((await development.subscribers.retrieve(subscriberId)).result.firstName).toBe("Dev");
  });
});
