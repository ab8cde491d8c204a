// The delivery outbox: a subscriber's Durable Object keeps every channel send it queues until the DELIVERIES consumer
// reports how it ended, and its alarm sends again what the queue lost. A job "lost by the queue" is one kept in the
// outbox but never queued; its lease is made to have run out by keeping it as of the epoch, so nothing here waits on
// a clock. Providers are paths on the recording host, and the tests count what reached them per Novu message id.
import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { and, eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/durable-sqlite";
import { describe, expect, inject, it, vi } from "vitest";
import type { SubscriberDO } from "../../durable-objects/subscriber";
import { keep, lease, leaseMs, maxResends } from "../../durable-objects/subscriber/outbox.store";
import { database } from "../../src/db/client";
import { messages } from "../../src/db/schema";
import type { DeliveryJob } from "../../src/delivery/delivery.types";
import { objectId } from "../../src/lib/ids";
import { api, createTenant, providerPath, sendgridIntegration, type TestTenant } from "./fixtures";

type Provider = ReturnType<typeof providerPath>;
type Answer = { status: number; body?: string; delayMs?: number };

const host = inject("providerHost");

const stubOf = (tenant: TestTenant, subscriberId: string) =>
  env.SUBSCRIBER.getByName(`${tenant.environmentId}:${subscriberId}`);

function emailJob(tenant: TestTenant, subscriberId: string): DeliveryJob {
  return {
    messageId: objectId(),
    environmentId: tenant.environmentId,
    subscriberId,
    transactionId: objectId(),
    workflowId: "receipt",
    stepId: "email",
    channel: "email",
    content: { subject: "Receipt", body: "<p>Paid</p>" },
    recipient: { email: `${subscriberId}@example.com`, phone: null, channels: [] },
    providerOverrides: {},
    outbox: true,
  };
}

/** The subscriber's outbox as stored, and when its alarm is set. */
async function outboxOf(tenant: TestTenant, subscriberId: string) {
  return runInDurableObject(stubOf(tenant, subscriberId), async (_: SubscriberDO, state) => ({
    rows: state.storage.sql
      .exec<{ message_id: string; lease_until: number; resends: number }>(
        "SELECT message_id, lease_until, resends FROM outbox ORDER BY message_id",
      )
      .toArray(),
    alarm: await state.storage.getAlarm(),
  }));
}

/**
 * A job the object kept (and armed its alarm for, an hour ahead) but the queue lost, with its lease already over
 * and `resends` re-sends behind it.
 */
async function lost(tenant: TestTenant, job: DeliveryJob, resends = 0) {
  await runInDurableObject(stubOf(tenant, job.subscriberId), async (_: SubscriberDO, state) => {
    const db = drizzle(state.storage);
    const leaseUntil = keep(db, job, 0);
    lease(db, job.messageId, leaseUntil, resends);
    await state.storage.setAlarm(Date.now() + 3_600_000);
  });
}

/** How many sends of each Novu message id reached the provider, and how many it accepted. */
async function sendsById(provider: Provider) {
  const tally: Record<string, { tried: number; accepted: number }> = {};
  for (const request of await provider.requests()) {
    const id = (JSON.parse(request.body) as { custom_args: { novu_message_id: string } }).custom_args
      .novu_message_id;
    tally[id] ??= { tried: 0, accepted: 0 };
    tally[id].tried++;
    if (request.status < 300) tally[id].accepted++;
  }
  return tally;
}

const messageRow = async (tenant: TestTenant, id: string) =>
  (
    await database(env)
      .select()
      .from(messages)
      .where(and(eq(messages.environmentId, tenant.environmentId), eq(messages.id, id)))
  )[0];

async function settled(tenant: TestTenant, subscriberId: string) {
  await vi.waitFor(
    async () => expect(await outboxOf(tenant, subscriberId)).toEqual({ rows: [], alarm: null }),
    {
      timeout: 10_000,
      interval: 100,
    },
  );
}

/** A tenant whose SendGrid host gives these answers first (a held answer: `delayMs`), then accepts. */
async function emailTenant(answers: Answer[] = []) {
  const tenant = await createTenant();
  const provider = await sendgridIntegration(api(tenant), "outbox");
  const path = `${new URL(provider.baseUrl).pathname}/v3/mail/send`;
  await fetch(`${host}/__script`, { method: "POST", body: JSON.stringify({ path, answers }) });
  return { tenant, provider };
}

describe("delivery outbox", { timeout: 30_000 }, () => {
  it("keeps a triggered send in the subscriber's outbox until the consumer reports it sent", async () => {
    // Refused once, then accepted after 3 s: long enough to look at the outbox while the job is in flight.
    const { tenant, provider } = await emailTenant([{ status: 503 }, { status: 202, delayMs: 3_000 }]);
    const server = api(tenant);
    const workflow = {
      name: "Receipt",
      workflowId: "receipt",
      steps: [{ name: "Mail", type: "email", controlValues: { subject: "Receipt", body: "<p>Paid</p>" } }],
    };
    expect((await server("/v2/workflows", { method: "POST", body: workflow })).status).toBe(201);
    const to = { subscriberId: "ada", email: "ada@example.com" };
    expect(
      (await server("/v1/events/trigger", { method: "POST", body: { name: "receipt", to } })).status,
    ).toBe(201);

    await vi.waitFor(async () => expect(await provider.requests()).toHaveLength(2), {
      timeout: 10_000,
      interval: 50,
    });
    const [id = ""] = Object.keys(await sendsById(provider));
    const inFlight = await outboxOf(tenant, "ada");
    expect(inFlight.rows).toEqual([{ message_id: id, lease_until: expect.any(Number), resends: 0 }]);
    expect(inFlight.rows[0]?.lease_until).toBeGreaterThan(Date.now());
    expect(inFlight.alarm).not.toBeNull();
    expect(inFlight.alarm).toBeLessThanOrEqual(inFlight.rows[0]?.lease_until ?? 0);

    await settled(tenant, "ada");
    expect(await sendsById(provider)).toEqual({ [id]: { tried: 2, accepted: 1 } });
    expect(await messageRow(tenant, id)).toMatchObject({ status: "sent", attempts: 2 });
  });

  it("sends a job the queue lost again once its lease runs out, exactly once", async () => {
    const { tenant, provider } = await emailTenant();
    const job = emailJob(tenant, "lost");
    await lost(tenant, job);

    expect(await runDurableObjectAlarm(stubOf(tenant, "lost"))).toBe(true);
    await settled(tenant, "lost");
    expect(await sendsById(provider)).toEqual({ [job.messageId]: { tried: 1, accepted: 1 } });
    expect(await messageRow(tenant, job.messageId)).toMatchObject({ status: "sent", subscriberId: "lost" });
  });

  it("acknowledges a re-sent job that was already sent, without sending it again", async () => {
    const { tenant, provider } = await emailTenant();
    const job = emailJob(tenant, "twice");
    await lost(tenant, job);
    await runDurableObjectAlarm(stubOf(tenant, "twice"));
    await settled(tenant, "twice");

    // The consumer's report never arrived: the job is still kept, its lease over, so the alarm sends it once more.
    await lost(tenant, job, 1);
    expect(await runDurableObjectAlarm(stubOf(tenant, "twice"))).toBe(true);
    await settled(tenant, "twice");
    expect(await sendsById(provider)).toEqual({ [job.messageId]: { tried: 1, accepted: 1 } });
    expect(await messageRow(tenant, job.messageId)).toMatchObject({ status: "sent", attempts: 1 });
  });

  it("re-sends once when the alarm runs twice at once and again, then waits a longer lease", async () => {
    // Accepted after 2 s, so the outbox can be read before the consumer reports.
    const { tenant, provider } = await emailTenant([{ status: 202, delayMs: 2_000 }]);
    const job = emailJob(tenant, "repeat");
    await lost(tenant, job);

    const stub = stubOf(tenant, "repeat");
    const before = Date.now();
    const after = await runInDurableObject(stub, async (instance: SubscriberDO, state) => {
      await Promise.all([instance.alarm(), instance.alarm()]);
      await instance.alarm();
      return state.storage.sql
        .exec<{ lease_until: number; resends: number }>("SELECT lease_until, resends FROM outbox")
        .toArray();
    });
    expect(after).toEqual([{ lease_until: expect.any(Number), resends: 1 }]);
    expect(after[0]?.lease_until).toBeGreaterThanOrEqual(before + 2 * leaseMs);
    expect(await runDurableObjectAlarm(stub)).toBe(true);

    await settled(tenant, "repeat");
    expect(await sendsById(provider)).toEqual({ [job.messageId]: { tried: 1, accepted: 1 } });
  });

  it("records a job that ran out of re-sends as failed, without sending it, unless it was sent after all", async () => {
    const { tenant, provider } = await emailTenant();
    const delivered = emailJob(tenant, "spent");
    const stranded = { ...emailJob(tenant, "spent"), messageId: objectId() };
    await lost(tenant, delivered);
    await runDurableObjectAlarm(stubOf(tenant, "spent"));
    await settled(tenant, "spent");

    await lost(tenant, delivered, maxResends);
    await lost(tenant, stranded, maxResends);
    expect(await runDurableObjectAlarm(stubOf(tenant, "spent"))).toBe(true);

    expect(await outboxOf(tenant, "spent")).toEqual({ rows: [], alarm: null });
    expect(await messageRow(tenant, stranded.messageId)).toMatchObject({
      status: "error",
      errorText: `Not delivered: the delivery queue gave no answer after ${maxResends} re-sends`,
    });
    expect(await messageRow(tenant, delivered.messageId)).toMatchObject({ status: "sent", errorText: null });
    expect(await sendsById(provider)).toEqual({ [delivered.messageId]: { tried: 1, accepted: 1 } });
  });

  it("hands a push job on to one job per integration, and lets all of them go once they ended", async () => {
    const tenant = await createTenant();
    const server = api(tenant);
    const expo = providerPath("outbox-expo");
    await expo.script("/--/api/v2/push/send", [
      { status: 200, body: '{"data":[{"status":"ok","id":"t-1"}]}' },
    ]);
    for (const body of [
      { providerId: "expo", channel: "push", active: true, credentials: { baseUrl: expo.baseUrl } },
      {
        providerId: "push-webhook",
        channel: "push",
        active: true,
        credentials: { webhookUrl: expo.baseUrl },
      },
    ]) {
      expect((await server("/v1/integrations", { method: "POST", body })).status).toBe(201);
    }
    const workflow = {
      name: "Ping",
      workflowId: "ping",
      steps: [{ name: "Push", type: "push", controlValues: { subject: "Ping", body: "Pong" } }],
    };
    expect((await server("/v2/workflows", { method: "POST", body: workflow })).status).toBe(201);
    const to = {
      subscriberId: "phone",
      channels: [{ providerId: "expo", credentials: { deviceTokens: ["ExponentPushToken[x]"] } }],
    };
    expect((await server("/v1/events/trigger", { method: "POST", body: { name: "ping", to } })).status).toBe(
      201,
    );

    await settled(tenant, "phone");
    const rows = await database(env)
      .select()
      .from(messages)
      .where(eq(messages.environmentId, tenant.environmentId));
    expect(rows.map((m) => [m.providerId, m.status]).sort()).toEqual([
      ["expo", "sent"],
      ["push-webhook", "error"],
    ]);
    expect(await expo.requests()).toHaveLength(1);
  });
});
