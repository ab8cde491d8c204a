import { and, asc, eq, gt, inArray } from "drizzle-orm";
import { recordActivity } from "../activity/activity.recorder";
import type { Database } from "../db/client";
import { database } from "../db/client";
import { type SubscriberRow, subscribers, topicSubscriptions, triggerSnapshots } from "../db/schema";
import { maxJobBytes } from "../delivery/delivery.types";
import { type RunTemplate, runFor } from "../events/run-builder";
import { inboxOf } from "../inbox/inbox-stub";
import { objectId } from "../lib/ids";
import { type FanoutJob, type FanoutSource, pageSize } from "./fanout.types";

/** Starts a fan-out: stores the run once if it is too large to travel in every page message. */
export async function startFanout(
  env: Env,
  organizationId: string,
  source: FanoutSource,
  template: RunTemplate,
  exclude: string[],
): Promise<void> {
  const inline = JSON.stringify(template).length < maxJobBytes - 4096;
  let reference: FanoutJob["template"] = template;
  if (!inline) {
    const id = objectId();
    await database(env)
      .insert(triggerSnapshots)
      .values({
        id,
        environmentId: template.environmentId,
        body: JSON.stringify(template),
        createdAt: Date.now(),
      });
    reference = { snapshotId: id };
  }
  const first: FanoutJob = {
    environmentId: template.environmentId,
    organizationId,
    source,
    afterId: null,
    exclude,
    template: reference,
  };
  await env.FANOUT.send(first);
}

async function loadTemplate(db: Database, job: FanoutJob): Promise<RunTemplate> {
  if (!("snapshotId" in job.template)) return job.template;
  const [row] = await db
    .select()
    .from(triggerSnapshots)
    .where(eq(triggerSnapshots.id, job.template.snapshotId));
  if (!row) throw new Error(`trigger snapshot ${job.template.snapshotId} is gone`);
  return JSON.parse(row.body) as RunTemplate;
}

/** One page of recipients, by keyset on the row id: the same cost for the first page and the thousandth. */
async function page(
  db: Database,
  job: FanoutJob,
): Promise<{ next: string | null; recipients: SubscriberRow[] }> {
  if (job.source.kind === "all") {
    const rows = await db
      .select()
      .from(subscribers)
      .where(
        and(
          eq(subscribers.environmentId, job.environmentId),
          job.afterId ? gt(subscribers.id, job.afterId) : undefined,
        ),
      )
      .orderBy(asc(subscribers.id))
      .limit(pageSize);
    return { next: rows.length === pageSize ? (rows.at(-1)?.id ?? null) : null, recipients: rows };
  }
  const links = await db
    .select({ id: topicSubscriptions.id, subscriberRowId: topicSubscriptions.subscriberRowId })
    .from(topicSubscriptions)
    .where(
      and(
        eq(topicSubscriptions.topicId, job.source.topicId),
        job.afterId ? gt(topicSubscriptions.id, job.afterId) : undefined,
      ),
    )
    .orderBy(asc(topicSubscriptions.id))
    .limit(pageSize);
  const ids = [...new Set(links.map((l) => l.subscriberRowId))];
  const recipients =
    ids.length > 0 ? await db.select().from(subscribers).where(inArray(subscribers.id, ids)) : [];
  return { next: links.length === pageSize ? (links.at(-1)?.id ?? null) : null, recipients };
}

/**
 * Consumes FANOUT: runs the trigger in each recipient's Durable Object, then queues the next page. A failed page is
 * retried whole (the next page is only queued once this one is done, so the chain never breaks or forks); each
 * object's transactionId check keeps recipients already served from receiving it twice.
 */
export async function consumeFanout(batch: MessageBatch<FanoutJob>, env: Env): Promise<void> {
  const db = database(env);
  await Promise.all(
    batch.messages.map(async (message) => {
      const job = message.body;
      try {
        const [template, { next, recipients }] = await Promise.all([loadTemplate(db, job), page(db, job)]);
        const excluded = new Set(job.exclude);
        const runs = await Promise.all(
          recipients
            .filter((row) => !excluded.has(row.subscriberId))
            .map(async (subscriber) => ({
              subscriber,
              result: await inboxOf(env, job.environmentId, subscriber.subscriberId).run(
                runFor(template, subscriber),
              ),
            })),
        );
        const topicKeys = job.source.kind === "topic" ? [job.source.topicKey] : [];
        await recordActivity(db, job.organizationId, template, runs, topicKeys);
        if (next) await env.FANOUT.send({ ...job, afterId: next } satisfies FanoutJob);
        message.ack();
      } catch (error) {
        console.error("fan-out page failed; retrying", error);
        message.retry({ delaySeconds: Math.min(60, 2 ** message.attempts) });
      }
    }),
  );
}
