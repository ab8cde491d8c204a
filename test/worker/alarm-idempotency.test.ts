// Durable Object alarms are at-least-once: a subscriber's alarm may run again, or twice at once, after it already
// did its work. A pending delay or digest must still deliver exactly once. The runs are made due by moving their
// stored times into the past, so nothing here waits on a clock.
import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { SubscriberDO } from "../../durable-objects/subscriber";
import { api, createTenant, openInbox, type TestTenant } from "./fixtures";

async function bodies(tenant: TestTenant, subscriberId: string) {
  const inbox = await openInbox(tenant, subscriberId);
  const list = await (await inbox.call("/v1/inbox/notifications?limit=100")).json<{
    data: Array<{ body: string }>;
  }>();
  return list.data.map((n) => n.body);
}

/** Makes every pending run and digest window of the subscriber due now, then fires its alarm the ways it can fire. */
async function fireRepeatedly(tenant: TestTenant, subscriberId: string) {
  const stub = env.SUBSCRIBER.getByName(`${tenant.environmentId}:${subscriberId}`);
  await runInDurableObject(stub, async (instance: SubscriberDO, state) => {
    state.storage.sql.exec("UPDATE runs SET resume_at = 1 WHERE status = 'delayed'");
    state.storage.sql.exec("UPDATE digests SET closes_at = 1");
    await Promise.all([instance.alarm(), instance.alarm()]);
    await instance.alarm();
  });
  await runDurableObjectAlarm(stub);
}

async function setup(steps: unknown[]) {
  const tenant = await createTenant();
  const server = api(tenant);
  const created = await server("/v2/workflows", {
    method: "POST",
    body: { name: "Held", workflowId: "held", steps },
  });
  expect(created.status).toBe(201);
  const trigger = async (to: string, payload: Record<string, unknown> = {}) =>
    expect(
      (await server("/v1/events/trigger", { method: "POST", body: { name: "held", to, payload } })).status,
    ).toBe(201);
  return { tenant, trigger };
}

describe("repeated and concurrent alarms", { timeout: 20_000 }, () => {
  it("deliver a delayed run exactly once", async () => {
    const { tenant, trigger } = await setup([
      { name: "Wait", type: "delay", controlValues: { amount: 1, unit: "hours" } },
      { name: "Inbox", type: "in_app", controlValues: { body: "once" } },
    ]);
    await trigger("s");
    expect(await bodies(tenant, "s")).toEqual([]);
    await fireRepeatedly(tenant, "s");
    expect(await bodies(tenant, "s")).toEqual(["once"]);
    await fireRepeatedly(tenant, "s");
    expect(await bodies(tenant, "s")).toEqual(["once"]);
  });

  it("close a digest window exactly once, with every event in it", async () => {
    const { tenant, trigger } = await setup([
      { name: "Digest", type: "digest", controlValues: { amount: 1, unit: "hours" } },
      { name: "Inbox", type: "in_app", controlValues: { body: "{{steps.digest.eventCount}} events" } },
    ]);
    for (const n of [1, 2, 3]) await trigger("d", { n });
    expect(await bodies(tenant, "d")).toEqual([]);
    await fireRepeatedly(tenant, "d");
    expect(await bodies(tenant, "d")).toEqual(["3 events"]);
    await fireRepeatedly(tenant, "d");
    expect(await bodies(tenant, "d")).toEqual(["3 events"]);
  });
});
