import { runDurableObjectAlarm } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, createTenant, openInbox, type TestTenant } from "./fixtures";

type Step = { name: string; type: string; controlValues?: Record<string, unknown> };

async function setup(steps: Step[]) {
  const tenant = await createTenant();
  const server = api(tenant);
  const res = await server("/v2/workflows", {
    method: "POST",
    body: { name: "Engine", workflowId: "engine", steps },
  });
  expect(res.status).toBe(201);
  const trigger = (to: string, payload: Record<string, unknown> = {}, transactionId?: string) =>
    server("/v1/events/trigger", { method: "POST", body: { name: "engine", to, payload, transactionId } });
  return { tenant, server, trigger };
}

/** Lets `ms` pass, then runs the subscriber's alarm if it has not fired by itself. */
async function elapse(ms: number, tenant: TestTenant, subscriberId: string) {
  await new Promise((resolve) => setTimeout(resolve, ms));
  await runDurableObjectAlarm(env.SUBSCRIBER.getByName(`${tenant.environmentId}:${subscriberId}`));
}

async function bodies(tenant: TestTenant, subscriberId: string) {
  const inbox = await openInbox(tenant, subscriberId);
  const list = await (await inbox.call("/v1/inbox/notifications?limit=100")).json<{
    data: Array<{ body: string; id: string }>;
  }>();
  return list.data.map((n) => n.body);
}

const inApp = (body: string, extra: Record<string, unknown> = {}): Step => ({
  name: "Inbox",
  type: "in_app",
  controlValues: { body, ...extra },
});

describe("workflow engine", { timeout: 20_000 }, () => {
  it("holds a run for a delay and delivers when the alarm resumes it", async () => {
    const { tenant, trigger } = await setup([
      { name: "Wait", type: "delay", controlValues: { amount: 1, unit: "seconds" } },
      inApp("after {{payload.n}}"),
    ]);
    await trigger("s", { n: 1 });
    expect(await bodies(tenant, "s")).toEqual([]);
    await elapse(1200, tenant, "s");
    expect(await bodies(tenant, "s")).toEqual(["after 1"]);
  });

  it("cancels a delayed run by transactionId: nothing is delivered, and a second cancel finds nothing", async () => {
    const { tenant, server, trigger } = await setup([
      { name: "Wait", type: "delay", controlValues: { amount: 1, unit: "seconds" } },
      inApp("never"),
    ]);
    await trigger("s", {}, "tx-cancel");
    await new Promise((resolve) => setTimeout(resolve, 100));
    const cancelled = await server("/v1/events/trigger/tx-cancel", { method: "DELETE" });
    expect(await cancelled.json()).toEqual({ data: true });
    await elapse(1200, tenant, "s");
    expect(await bodies(tenant, "s")).toEqual([]);
    expect(await (await server("/v1/events/trigger/tx-cancel", { method: "DELETE" })).json()).toEqual({
      data: false,
    });
  });

  it("digests 50 concurrent triggers into exactly one delivery carrying all 50 events", async () => {
    const { tenant, trigger } = await setup([
      { name: "Digest", type: "digest", controlValues: { amount: 1, unit: "seconds" } },
      inApp("{{steps.digest.eventCount}} events: {{steps.digest.events[0].payload.n}}…"),
    ]);
    await Promise.all(Array.from({ length: 50 }, (_, n) => trigger("s", { n })));
    expect(await bodies(tenant, "s")).toEqual([]);
    await elapse(1300, tenant, "s");
    const delivered = await bodies(tenant, "s");
    expect(delivered).toHaveLength(1);
    expect(delivered[0]).toMatch(/^50 events: \d+…$/);
  });

  it("keeps digest keys apart: two keys, two deliveries", async () => {
    const { tenant, trigger } = await setup([
      {
        name: "Digest",
        type: "digest",
        controlValues: { amount: 1, unit: "seconds", digestKey: "payload.project" },
      },
      inApp("{{payload.project}}: {{steps.digest.eventCount}}"),
    ]);
    for (const project of ["a", "b", "a", "a", "b"]) await trigger("s", { project });
    await elapse(1300, tenant, "s");
    expect((await bodies(tenant, "s")).sort()).toEqual(["a: 3", "b: 2"]);
  });

  it("sends the first event of a quiet look-back window at once, and digests what follows", async () => {
    const { tenant, trigger } = await setup([
      {
        name: "Digest",
        type: "digest",
        controlValues: { amount: 1, unit: "seconds", lookBackWindow: { amount: 10, unit: "minutes" } },
      },
      inApp("{{steps.digest.eventCount}}"),
    ]);
    await trigger("s");
    expect(await bodies(tenant, "s")).toEqual(["1"]);
    await trigger("s");
    await trigger("s");
    await elapse(1300, tenant, "s");
    expect(await bodies(tenant, "s")).toEqual(["2", "1"]);
  });

  it("removes a cancelled event from a pending digest, even the window's leader", async () => {
    const { tenant, server, trigger } = await setup([
      { name: "Digest", type: "digest", controlValues: { amount: 1, unit: "seconds" } },
      inApp("{{steps.digest.eventCount}}"),
    ]);
    for (const id of ["t1", "t2", "t3"]) await trigger("s", {}, id);
    expect(await (await server("/v1/events/trigger/t1", { method: "DELETE" })).json()).toEqual({
      data: true,
    });
    await elapse(1300, tenant, "s");
    expect(await bodies(tenant, "s")).toEqual(["2"]);
  });

  it("throttles: at most the threshold of runs per window, the rest skipped", async () => {
    const { tenant, trigger } = await setup([
      { name: "Throttle", type: "throttle", controlValues: { amount: 1, unit: "minutes", threshold: 2 } },
      inApp("ok {{payload.n}}"),
    ]);
    for (const n of [1, 2, 3, 4]) await trigger("s", { n });
    expect(await bodies(tenant, "s")).toEqual(["ok 2", "ok 1"]);
  });

  it("skips a step by its JSONLogic condition over earlier steps, e.g. the in-app message was read", async () => {
    const { tenant, trigger } = await setup([
      { name: "First", type: "in_app", controlValues: { body: "first" } },
      { name: "Wait", type: "delay", controlValues: { amount: 1, unit: "seconds" } },
      inApp("reminder", { skip: { "==": [{ var: "steps.first.read" }, true] } }),
    ]);
    await trigger("reader");
    await trigger("ignorer");
    const inbox = await openInbox(tenant, "reader");
    const [first] = (
      await (await inbox.call("/v1/inbox/notifications")).json<{ data: Array<{ id: string }> }>()
    ).data;
    await inbox.call(`/v1/inbox/notifications/${first?.id}/read`, { method: "PATCH" });
    await elapse(1200, tenant, "reader");
    await runDurableObjectAlarm(env.SUBSCRIBER.getByName(`${tenant.environmentId}:ignorer`));
    expect(await bodies(tenant, "reader")).toEqual(["first"]);
    expect(await bodies(tenant, "ignorer")).toEqual(["reminder", "first"]);
  });

  it("records the run's progress in the activity feed", async () => {
    const { tenant, server, trigger } = await setup([
      { name: "Wait", type: "delay", controlValues: { amount: 1, unit: "seconds" } },
      inApp("x"),
    ]);
    await trigger("s", {}, "tx-activity");
    const jobs = async () => {
      const { data } = await (await server("/v1/notifications?transactionId=tx-activity")).json<{
        data: Array<{ jobs: Array<{ status: string }> }>;
      }>();
      return data[0]?.jobs.map((j) => j.status);
    };
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await jobs()).toEqual(["delayed", "pending"]);
    await elapse(1200, tenant, "s");
    expect(await jobs()).toEqual(["completed", "completed"]);
  });
});

describe("Novu's Liquid filters in delivered content", { timeout: 20_000 }, () => {
  it("summarises a digest's events with the digest filter", async () => {
    const { tenant, trigger } = await setup([
      { name: "Digest", type: "digest", controlValues: { amount: 1, unit: "seconds" } },
      inApp("{{ steps.digest.events | digest: 2, 'payload.name' }} commented"),
    ]);
    for (const name of ["Ada", "Grace", "Linus"]) await trigger("s", { name });
    await elapse(1300, tenant, "s");
    expect(await bodies(tenant, "s")).toEqual(["Ada, Grace and 1 other commented"]);
  });
});
