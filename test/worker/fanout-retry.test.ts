// A fan-out page whose recipients' objects partly fail: those served are recorded and never woken again, and only
// the failed ones are queued again. The FANOUT consumer is called directly with a batch built here, and its FANOUT
// binding records what it would queue; D1 and the subscribers' Durable Objects are the real ones. An object is made
// to fail by renaming its `runs` table away, and repaired by renaming it back.
import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { SubscriberDO } from "../../durable-objects/subscriber";
import type { Tenant } from "../../src/app-env";
import { database } from "../../src/db/client";
import { subscribers, topics } from "../../src/db/schema";
import { runTemplate } from "../../src/events/run-builder";
import { consumeFanout } from "../../src/fanout/fanout";
import { type FanoutJob, maxRecipientRetries } from "../../src/fanout/fanout.types";
import { findWorkflow } from "../../src/workflows/workflow.service";
import { api, createTenant, inAppWorkflow, openInbox, type TestTenant } from "./fixtures";

const crew = ["ada", "grace", "linus"];

function objectOf(tenant: TestTenant, subscriberId: string) {
  return env.SUBSCRIBER.getByName(`${tenant.environmentId}:${subscriberId}`);
}

async function breakObject(tenant: TestTenant, subscriberId: string, broken: boolean) {
  await runInDurableObject(objectOf(tenant, subscriberId), (_: SubscriberDO, state) => {
    state.storage.sql.exec(
      broken ? "ALTER TABLE runs RENAME TO runs_away" : "ALTER TABLE runs_away RENAME TO runs",
    );
  });
}

const unread = async (tenant: TestTenant, subscriberId: string) =>
  (await openInbox(tenant, subscriberId)).totalUnreadCount;

/** A topic of three subscribers, and the page message that serves all of them. */
async function crewPage(): Promise<{ tenant: TestTenant; page: FanoutJob; rowIds: Record<string, string> }> {
  const tenant = await createTenant();
  const server = api(tenant);
  await server("/v2/workflows", { method: "POST", body: inAppWorkflow("launch") });
  for (const subscriberId of crew)
    await server("/v2/subscribers", { method: "POST", body: { subscriberId } });
  await server("/v2/topics/crew/subscriptions", { method: "POST", body: { subscriptions: crew } });

  const db = database(env);
  const scope: Tenant = {
    id: tenant.environmentId,
    organizationId: tenant.organizationId,
    name: "Development",
    type: "dev",
    identifier: tenant.applicationIdentifier,
    workflowsRevision: Number.NaN,
    subscribersRevision: Number.NaN,
  };
  const workflow = await findWorkflow(db, scope, "launch");
  const [topic] = await db
    .select()
    .from(topics)
    .where(and(eq(topics.environmentId, tenant.environmentId), eq(topics.key, "crew")));
  const rows = await db.select().from(subscribers).where(eq(subscribers.environmentId, tenant.environmentId));
  if (!workflow || !topic) throw new Error("fixture missing");
  const template = runTemplate(
    { payload: { message: "Lift-off" }, context: {} },
    workflow,
    tenant.environmentId,
    `tx-${crypto.randomUUID()}`,
    undefined,
  );
  const page: FanoutJob = {
    environmentId: tenant.environmentId,
    organizationId: tenant.organizationId,
    source: { kind: "topic", topicId: topic.id, topicKey: "crew" },
    afterId: null,
    untilId: "f".repeat(24),
    exclude: [],
    template,
  };
  return { tenant, page, rowIds: Object.fromEntries(rows.map((row) => [row.subscriberId, row.id])) };
}

/** One message of a consumer batch, remembering whether it was acknowledged or handed back. */
function delivered(body: FanoutJob) {
  const outcome: { acked: boolean; retried: boolean } = { acked: false, retried: false };
  const message = {
    id: crypto.randomUUID(),
    timestamp: new Date(),
    attempts: 1,
    body,
    ack: () => {
      outcome.acked = true;
    },
    retry: () => {
      outcome.retried = true;
    },
  };
  const batch = { queue: "novu-fanout", messages: [message], ackAll() {}, retryAll() {} };
  return { batch: batch as unknown as MessageBatch<FanoutJob>, outcome };
}

/** The consumer's environment, its FANOUT binding recording what would be queued. */
function recordingEnv() {
  const queued: Array<{ body: FanoutJob; options?: QueueSendOptions }> = [];
  const FANOUT = {
    send: async (body: FanoutJob, options?: QueueSendOptions) => {
      queued.push({ body, options });
    },
  };
  return { queued, env: { ...env, FANOUT } as unknown as Env };
}

describe("a fan-out page with recipients whose objects fail", { timeout: 20_000 }, () => {
  it("serves the others once and queues only the failed recipients again", async () => {
    const { tenant, page, rowIds } = await crewPage();
    const consumer = recordingEnv();
    await breakObject(tenant, "grace", true);

    const first = delivered(page);
    await consumeFanout(first.batch, consumer.env);
    expect(first.outcome).toEqual({ acked: true, retried: false });
    expect(await Promise.all(crew.map((id) => unread(tenant, id)))).toEqual([1, 0, 1]);
    expect(consumer.queued).toEqual([
      { body: { ...page, recipients: [rowIds.grace], retries: 1 }, options: { delaySeconds: 2 } },
    ]);

    // Were the retry to call Ada's or Linus's object again, it would fail now.
    await Promise.all([breakObject(tenant, "ada", true), breakObject(tenant, "linus", true)]);
    await breakObject(tenant, "grace", false);
    const retried = consumer.queued[0]?.body as FanoutJob;
    const second = delivered(retried);
    await consumeFanout(second.batch, consumer.env);
    expect(second.outcome).toEqual({ acked: true, retried: false });
    expect(consumer.queued).toHaveLength(1);
    await Promise.all([breakObject(tenant, "ada", false), breakObject(tenant, "linus", false)]);
    expect(await Promise.all(crew.map((id) => unread(tenant, id)))).toEqual([1, 1, 1]);
  });

  it("hands a page back to the queue once its recipients failed too often", async () => {
    const { tenant, page, rowIds } = await crewPage();
    const consumer = recordingEnv();
    await breakObject(tenant, "linus", true);

    const last = delivered({ ...page, recipients: [rowIds.linus as string], retries: maxRecipientRetries });
    await consumeFanout(last.batch, consumer.env);
    expect(last.outcome).toEqual({ acked: false, retried: true });
    expect(consumer.queued).toEqual([]);
    expect(await unread(tenant, "ada")).toBe(0);
  });
});
