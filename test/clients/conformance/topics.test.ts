// Topics through @novu/api: v2 CRUD, subscriptions (per-item results), the v1 subscriber check; then bad input, unknown
// keys and another environment's key.
import { describe, expect, it } from "vitest";
import { development, expectNotFound, expectRawInvalid, production, rejection, uniqueId } from "./helpers";

const run = uniqueId("topics");
const key = `${run}-news`;

describe("topics", () => {
  it("creates, lists, gets, updates and deletes a topic", async () => {
    const created = await development.topics.create({ key, name: "News" });
    expect(created.result).toMatchObject({ key, name: "News" });
    expect(Number.isNaN(Date.parse(created.result.createdAt ?? ""))).toBe(false);
    expect(created.result.id).toMatch(/^[0-9a-f]{24}$/);

    const upserted = await development.topics.create({ key, name: "News again" });
    expect(upserted.result).toMatchObject({ id: created.result.id, name: "News again" });

    await development.topics.create({ key: `${run}-other`, name: `Other ${run}` });
    await development.topics.update({ name: `News ${run}` }, key);
    const page = await development.topics.list({ name: run, limit: 1 });
    expect(page.result.data).toHaveLength(1);
    expect(page.result.next).toEqual(expect.any(String));
    const rest = await development.topics.list({ name: run, limit: 1, after: page.result.next ?? undefined });
    expect([page.result.data[0]?.key, rest.result.data[0]?.key].sort()).toEqual([key, `${run}-other`]);
    const exact = await development.topics.list({ key });
    expect(exact.result.data.map((t) => t.key)).toEqual([key]);

    const fetched = await development.topics.get(key);
    expect(fetched.result).toMatchObject({ id: created.result.id, key, name: `News ${run}` });

    const updated = await development.topics.update({ name: "Renamed" }, key);
    expect(updated.result).toMatchObject({ key, name: "Renamed" });

    const removed = await development.topics.delete(`${run}-other`);
    expect(removed.result).toEqual({ acknowledged: true });
    await expectNotFound(development.topics.get(`${run}-other`));
  });

  it("keeps a topic's data on create, get, list and update", async () => {
    const dataKey = `${run}-data`;
    const data = { plan: "pro", seats: 3, beta: false, regions: ["eu"] };
    const created = await development.topics.create({ key: dataKey, name: "With data", data });
    expect(created.result).toMatchObject({ key: dataKey, data });
    expect((await development.topics.get(dataKey)).result.data).toEqual(data);
    expect((await development.topics.list({ key: dataKey })).result.data[0]?.data).toEqual(data);

    const updated = await development.topics.update({ data: { plan: "team" } }, dataKey);
    expect(updated.result).toMatchObject({ name: "With data", data: { plan: "team" } });
    const cleared = await development.topics.update({ data: null }, dataKey);
    expect(cleared.result.data).toBeUndefined();

    await expectRawInvalid(`/v2/topics/${dataKey}`, { method: "PATCH", body: { data: { deep: { a: 1 } } } });
    await expectRawInvalid("/v2/topics", { body: { key: `${run}-bad-data`, data: "not an object" } });
    await development.topics.delete(dataKey);
  });

  it("adds, lists, checks, updates and removes subscriptions", async () => {
    for (const id of ["a", "b"]) await development.subscribers.create({ subscriberId: `${run}-${id}` });
    const added = await development.topics.subscriptions.create(
      {
        subscriptions: [`${run}-a`, { subscriberId: `${run}-b`, identifier: `${run}-b-sub` }, `${run}-ghost`],
      },
      key,
    );
    expect(added.result.meta).toEqual({ totalCount: 3, successful: 2, failed: 1 });
    expect(added.result.data.map((s) => s.subscriber?.subscriberId).sort()).toEqual([`${run}-a`, `${run}-b`]);
    expect(added.result.data[0]?.topic).toMatchObject({ key });
    expect(added.result.errors).toEqual([expect.objectContaining({ subscriberId: `${run}-ghost` })]);

    const listed = await development.topics.subscriptions.list({ topicKey: key, limit: 10 });
    expect(listed.result.data.map((s) => s.subscriber?.subscriberId).sort()).toEqual([
      `${run}-a`,
      `${run}-b`,
    ]);
    expect(listed.result.data[0]).toMatchObject({ topic: { key }, id: expect.any(String) });

    const one = await development.topics.subscriptions.getSubscription(key, `${run}-b-sub`);
    expect(one.result).toMatchObject({ identifier: `${run}-b-sub` });
    expect(one.result.id).toMatch(/^[0-9a-f]{24}$/);

    const renamed = await development.topics.subscriptions.update({
      topicKey: key,
      identifier: `${run}-b-sub`,
      updateTopicSubscriptionRequestDto: { name: "B's subscription" },
    });
    expect(renamed.result).toMatchObject({ identifier: `${run}-b-sub`, name: "B's subscription" });

    const v1 = await development.topics.subscribers.retrieve(`${run}-a`, key);
    expect(v1.result).toMatchObject({ topicKey: key, externalSubscriberId: `${run}-a` });
    expect(v1.result.topicId).toMatch(/^[0-9a-f]{24}$/);

    const removed = await development.topics.subscriptions.delete({ subscriptions: [`${run}-a`] }, key);
    expect(removed.result.meta).toMatchObject({ successful: 1, failed: 0 });
    expect(removed.result.data[0]?.subscriber).toMatchObject({ subscriberId: `${run}-a` });
    await expectNotFound(development.topics.subscribers.retrieve(`${run}-a`, key));
  });

  it("refuses bad input, unknown keys and another environment's key", async () => {
    const guarded = `${run}-guarded`;
    await development.topics.create({ key: guarded, name: "Dev" });
    await expectRawInvalid("/v2/topics", { body: { name: "No key" } });
    await expectRawInvalid("/v2/topics", { body: { key: 7, name: "Wrong type" } });
    await expectRawInvalid(`/v2/topics/${key}/subscriptions`, { body: { subscriptions: "everyone" } });

    const conflict = await rejection(development.topics.create({ key: guarded, name: "Again" }, true));
    expect(conflict.statusCode).toBe(409);

    const ghost = `${run}-ghost-topic`;
    await expectNotFound(development.topics.get(ghost));
    await expectNotFound(development.topics.update({ name: "x" }, ghost));
    await expectNotFound(development.topics.delete(ghost));
    await expectNotFound(development.topics.subscriptions.list({ topicKey: ghost }));
    await expectNotFound(development.topics.subscriptions.getSubscription(guarded, `${run}-nope`));

    await expectNotFound(production.topics.get(guarded));
    await expectNotFound(production.topics.update({ name: "Prod" }, guarded));
    await expectNotFound(production.topics.delete(guarded));
    expect((await production.topics.list({ key: guarded })).result.data).toEqual([]);
    // Subscribing creates the topic in production if needed, but never reaches development's subscribers.
    const foreign = await production.topics.subscriptions.create({ subscriptions: [`${run}-a`] }, guarded);
    expect(foreign.result.meta).toMatchObject({ successful: 0, failed: 1 });
    expect((await development.topics.subscriptions.list({ topicKey: guarded })).result.data).toEqual([]);
    expect((await development.topics.get(guarded)).result.name).toBe("Dev");
  });
});
