// The v1 subscriber operations @novu/api still calls: credentials, online status, bulk create, the feed, unseen
// count and message marks, each asserting the SDK's typed result; then bad input and another environment's key.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  development,
  expectNotFound,
  expectRawInvalid,
  inAppWorkflow,
  production,
  rejection,
  uniqueId,
} from "./helpers";

const run = uniqueId("subs1");
const workflowId = `${run}-wf`;

// Credentials bind to an integration of their provider (Novu answers 404 without one). Inactive, so the shared
// development environment delivers nothing through them; removed when the file ends.
const integrationIds: string[] = [];
beforeAll(async () => {
  for (const [providerId, channel] of [
    ["fcm", "push"],
    ["slack", "chat"],
  ] as const) {
    const { result } = await development.integrations.create({
      providerId,
      channel,
      identifier: `${run}-${providerId}`,
      active: false,
    });
    integrationIds.push(result.id ?? "");
  }
});
afterAll(async () => {
  for (const id of integrationIds) await development.integrations.delete(id);
});

describe("subscribers (v1)", () => {
  it("replaces, appends and deletes provider credentials", async () => {
    const subscriberId = `${run}-creds`;
    await development.subscribers.create({ subscriberId });

    const put = await development.subscribers.credentials.update(
      { providerId: "fcm", credentials: { deviceTokens: ["a", "b"] } },
      subscriberId,
    );
    expect(put.result).toMatchObject({ subscriberId });
    expect(put.result.channels).toEqual([
      expect.objectContaining({
        providerId: "fcm",
        credentials: expect.objectContaining({ deviceTokens: ["a", "b"] }),
      }),
    ]);

    const patched = await development.subscribers.credentials.append(
      { providerId: "fcm", credentials: { deviceTokens: ["b", "c"] } },
      subscriberId,
    );
    expect(patched.result.channels?.[0]?.credentials.deviceTokens).toEqual(["a", "b", "c"]);

    await development.subscribers.credentials.update(
      { providerId: "slack", credentials: { webhookUrl: "https://hooks.slack.com/services/x" } },
      subscriberId,
    );
    await development.subscribers.credentials.delete(subscriberId, "fcm");
    const after = await development.subscribers.retrieve(subscriberId);
    expect(after.result.channels?.map((c) => c.providerId)).toEqual(["slack"]);
    expect(after.result.channels?.[0]?.credentials.webhookUrl).toBe("https://hooks.slack.com/services/x");
  });

  it("sets the online status", async () => {
    const subscriberId = `${run}-online`;
    await development.subscribers.create({ subscriberId });
    const online = await development.subscribers.properties.updateOnlineFlag(
      { isOnline: true },
      subscriberId,
    );
    expect(online.result).toMatchObject({ subscriberId, isOnline: true });
    expect(Number.isNaN(Date.parse(online.result.lastOnlineAt ?? ""))).toBe(false);
    const offline = await development.subscribers.properties.updateOnlineFlag(
      { isOnline: false },
      subscriberId,
    );
    expect(offline.result.isOnline).toBe(false);
  });

  it("bulk-creates with per-item created and updated results", async () => {
    await development.subscribers.create({ subscriberId: `${run}-old` });
    const { result } = await development.subscribers.createBulk({
      subscribers: [
        { subscriberId: `${run}-old`, firstName: "Again" },
        { subscriberId: `${run}-new-1`, email: `${run}-1@example.com` },
        { subscriberId: `${run}-new-2` },
      ],
    });
    expect(result.created.map((c) => c.subscriberId).sort()).toEqual([`${run}-new-1`, `${run}-new-2`]);
    expect(result.updated).toEqual([expect.objectContaining({ subscriberId: `${run}-old` })]);
    expect(result.failed).toEqual([]);
    expect((await development.subscribers.retrieve(`${run}-old`)).result.firstName).toBe("Again");
  });

  it("pages the feed, counts unseen and marks messages", async () => {
    const subscriberId = `${run}-feed`;
    await development.workflows.create({
      name: "Feed",
      workflowId,
      active: true,
      steps: [
        {
          name: "Inbox",
          type: "in_app",
          controlValues: { body: "{{payload.message}}", primaryAction: { label: "Open" } },
        },
      ],
    });
    for (const message of ["one", "two", "three"]) {
      await development.trigger({ workflowId, to: subscriberId, payload: { message } });
    }
    const page = await vi.waitFor(
      async () => {
        const feed = await development.subscribers.notifications.feed({ subscriberId, page: 0, limit: 2 });
        expect(feed.result.totalCount).toBe(3);
        return feed;
      },
      { timeout: 10_000, interval: 200 },
    );
    expect(page.result).toMatchObject({ page: 0, pageSize: 2, hasMore: true });
    expect(page.result.data.map((m) => m.content)).toEqual(["three", "two"]);
    expect(page.result.data[0]).toMatchObject({
      channel: "in_app",
      read: false,
      seen: false,
      templateIdentifier: workflowId,
    });
    const [newest, middle] = page.result.data;
    const unseen = await development.subscribers.notifications.unseenCount({ subscriberId });
    expect(unseen.result.count).toBe(3);

    const marked = await development.subscribers.messages.markAllAs(
      { messageId: [newest?.id ?? "", middle?.id ?? ""], markAs: "seen" },
      subscriberId,
    );
    expect(marked.result.map((m) => m.seen)).toEqual([true, true]);
    expect((await development.subscribers.notifications.unseenCount({ subscriberId })).result.count).toBe(1);

    const all = await development.subscribers.messages.markAll({ markAs: "read" }, subscriberId);
    expect(all.result).toBe(3);

    const done = await development.subscribers.messages.updateAsSeen({
      subscriberId,
      messageId: newest?.id ?? "",
      type: "primary",
      markMessageActionAsSeenDto: { status: "done" },
    });
    expect(done.result).toMatchObject({ id: newest?.id, cta: { action: { status: "done" } } });
  });

  it("refuses bad input, unknown ids and another environment's key", async () => {
    const subscriberId = `${run}-guarded`;
    await development.subscribers.create({ subscriberId });
    await inAppWorkflow(development, `${workflowId}-guard`);

    const credentials = `/v1/subscribers/${subscriberId}/credentials`;
    await expectRawInvalid(credentials, { method: "PUT", body: { credentials: {} } });
    await expectRawInvalid(credentials, {
      method: "PUT",
      body: { providerId: "fcm", credentials: "tokens" },
    });
    await expectRawInvalid(`/v1/subscribers/${subscriberId}/online-status`, {
      method: "PATCH",
      body: { isOnline: "yes" },
    });
    await expectRawInvalid("/v1/subscribers/bulk", { body: { subscribers: "nope" } });
    await expectRawInvalid(`/v1/subscribers/${subscriberId}/messages/mark-as`, { body: { markAs: "read" } });
    // Over Novu's 500 subscribers per bulk request.
    await expectRawInvalid("/v1/subscribers/bulk", {
      body: { subscribers: Array.from({ length: 501 }, (_, i) => ({ subscriberId: `${run}-bulk-${i}` })) },
    });

    const ghost = `${run}-ghost`;
    await expectNotFound(
      development.subscribers.credentials.update(
        { providerId: "fcm", credentials: { deviceTokens: ["x"] } },
        ghost,
      ),
    );
    await expectNotFound(development.subscribers.credentials.delete(subscriberId, "fcm"));
    // A provider (or integration identifier) the environment has no integration for.
    for (const credentials of [
      { providerId: "apns" as const, credentials: { deviceTokens: ["x"] } },
      {
        providerId: "fcm" as const,
        integrationIdentifier: `${run}-no-such`,
        credentials: { deviceTokens: ["x"] },
      },
    ]) {
      await expectNotFound(development.subscribers.credentials.update(credentials, subscriberId));
      await expectNotFound(development.subscribers.credentials.append(credentials, subscriberId));
    }
    await expectNotFound(development.subscribers.properties.updateOnlineFlag({ isOnline: true }, ghost));
    await expectNotFound(development.subscribers.notifications.feed({ subscriberId: ghost }));
    await expectNotFound(
      development.subscribers.messages.markAllAs(
        { messageId: "000000000000000000000000", markAs: "read" },
        subscriberId,
      ),
    );

    await expectNotFound(
      production.subscribers.credentials.update(
        { providerId: "fcm", credentials: { deviceTokens: ["x"] } },
        subscriberId,
      ),
    );
    await expectNotFound(
      production.subscribers.properties.updateOnlineFlag({ isOnline: true }, subscriberId),
    );
    await expectNotFound(production.subscribers.notifications.feed({ subscriberId }));
    const foreign = await rejection(production.subscribers.notifications.unseenCount({ subscriberId }));
    expect(foreign.statusCode).toBe(404);
    expect((await development.subscribers.retrieve(subscriberId)).result.isOnline).not.toBe(true);
  });
});
