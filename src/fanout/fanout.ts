import { type AnyColumn, and, asc, eq, gt, inArray, lte } from "drizzle-orm";
import { recordActivity } from "../activity/activity.recorder";
import type { Database } from "../db/client";
import { database } from "../db/client";
import { chunks, maxBoundParameters } from "../db/limits";
import { type SubscriberRow, subscribers, topicSubscriptions, triggerSnapshots } from "../db/schema";
import { maxJobBytes } from "../delivery/delivery.types";
import { type RunTemplate, runFor } from "../events/run-builder";
import { inboxOf } from "../inbox/inbox-stub";
import { objectId } from "../lib/ids";
import {
  type FanoutJob,
  type FanoutSource,
  maxRecipientRetries,
  pageSize,
  pagesPerScan,
} from "./fanout.types";

/** Cloudflare Queues take at most 100 messages and 256 KB per `sendBatch`. */
const maxBatchMessages = 100;
const maxBatchBytes = 250 * 1024;

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

/** The job's keyset range on a row id column: (afterId, untilId]. */
function within(column: AnyColumn, job: FanoutJob) {
  return and(
    job.afterId ? gt(column, job.afterId) : undefined,
    job.untilId ? lte(column, job.untilId) : undefined,
  );
}

/** The next `limit` row ids after the job's cursor, ids only, read from the (owner, id) index. */
async function idsAfter(db: Database, job: FanoutJob, limit: number): Promise<string[]> {
  const rows =
    job.source.kind === "all"
      ? await db
          .select({ id: subscribers.id })
          .from(subscribers)
          .where(and(eq(subscribers.environmentId, job.environmentId), within(subscribers.id, job)))
          .orderBy(asc(subscribers.id))
          .limit(limit)
      : await db
          .select({ id: topicSubscriptions.id })
          .from(topicSubscriptions)
          .where(and(eq(topicSubscriptions.topicId, job.source.topicId), within(topicSubscriptions.id, job)))
          .orderBy(asc(topicSubscriptions.id))
          .limit(limit);
  return rows.map((row) => row.id);
}

/** Queues messages in as few `sendBatch` calls as the batch limits allow. */
async function sendAll(env: Env, jobs: FanoutJob[]): Promise<void> {
  const bytes = Math.max(...jobs.map((job) => JSON.stringify(job).length));
  const perBatch = Math.max(1, Math.min(maxBatchMessages, Math.floor(maxBatchBytes / bytes)));
  for (const part of chunks(jobs, perBatch)) await env.FANOUT.sendBatch(part.map((body) => ({ body })));
}

/**
 * A scan reads the next ids only (from the keyset index) and queues them as pages, plus the next scan when more
 * remain, so pages run side by side instead of one after another. Only the scan chain is sequential; a retried scan
 * queues its pages again, and each object's transactionId check and the activity's unique key absorb the repeat.
 */
async function scan(db: Database, env: Env, job: FanoutJob): Promise<void> {
  const span = pagesPerScan * pageSize;
  const ids = await idsAfter(db, job, span + 1);
  let afterId = job.afterId;
  const jobs: FanoutJob[] = [];
  for (const page of chunks(ids.slice(0, span), pageSize)) {
    const untilId = page.at(-1) as string;
    jobs.push({ ...job, afterId, untilId });
    afterId = untilId;
  }
  if (ids.length > span) jobs.push({ ...job, afterId });
  if (jobs.length > 0) await sendAll(env, jobs);
}

async function recipients(db: Database, job: FanoutJob): Promise<SubscriberRow[]> {
  if (job.source.kind === "all") {
    return db
      .select()
      .from(subscribers)
      .where(and(eq(subscribers.environmentId, job.environmentId), within(subscribers.id, job)));
  }
  const links = await db
    .select({ subscriberRowId: topicSubscriptions.subscriberRowId })
    .from(topicSubscriptions)
    .where(and(eq(topicSubscriptions.topicId, job.source.topicId), within(topicSubscriptions.id, job)));
  const ids = [...new Set(links.map((l) => l.subscriberRowId))];
  const parts = await Promise.all(
    chunks(ids, maxBoundParameters).map((part) =>
      db.select().from(subscribers).where(inArray(subscribers.id, part)),
    ),
  );
  return parts.flat();
}

/**
 * Runs the trigger in each recipient's Durable Object, then records the activity of those served in one D1 batch.
 * Answers with the recipients whose object failed (their subscriber row ids, and the first error).
 */
async function runPage(
  db: Database,
  env: Env,
  job: FanoutJob,
): Promise<{ failed: string[]; error?: unknown }> {
  const [template, rows] = await Promise.all([loadTemplate(db, job), recipients(db, job)]);
  const excluded = new Set(job.exclude);
  const wanted = job.recipients && new Set(job.recipients);
  const pending = rows.filter((row) => !excluded.has(row.subscriberId) && (wanted?.has(row.id) ?? true));
  const settled = await Promise.allSettled(
    pending.map(async (subscriber) => ({
      subscriber,
      result: await inboxOf(env, job.environmentId, subscriber.subscriberId).run(
        runFor(template, subscriber),
      ),
    })),
  );
  const topicKeys = job.source.kind === "topic" ? [job.source.topicKey] : [];
  const runs = settled.flatMap((outcome) => (outcome.status === "fulfilled" ? [outcome.value] : []));
  await recordActivity(db, job.organizationId, template, runs, topicKeys);
  const failures = pending.flatMap((row, i) => {
    const outcome = settled[i];
    return outcome?.status === "rejected" ? [{ id: row.id, error: outcome.reason as unknown }] : [];
  });
  return { failed: failures.map((failure) => failure.id), error: failures[0]?.error };
}

/**
 * Queues a page again for only the recipients it failed, so the ones served are not woken again: a retry of the
 * whole page would call every object of it once more, and when objects fail for lack of memory that keeps the
 * failures coming. Past `maxRecipientRetries` the page goes back to the queue's own retries and dead-letter queue.
 */
async function retryRecipients(env: Env, job: FanoutJob, failed: string[], error: unknown): Promise<void> {
  const retries = (job.retries ?? 0) + 1;
  if (retries > maxRecipientRetries) throw error;
  const delaySeconds = Math.min(60, 2 ** retries);
  console.error(`${failed.length} fan-out recipient(s) failed; queued again in ${delaySeconds} s`, error);
  await env.FANOUT.send({ ...job, recipients: failed, retries }, { delaySeconds });
}

/** Consumes FANOUT: scans queue pages, pages reach their recipients; a failed message is retried on its own. */
export async function consumeFanout(batch: MessageBatch<FanoutJob>, env: Env): Promise<void> {
  const db = database(env);
  await Promise.all(
    batch.messages.map(async (message) => {
      try {
        if (message.body.untilId) {
          const { failed, error } = await runPage(db, env, message.body);
          if (failed.length > 0) await retryRecipients(env, message.body, failed, error);
        } else await scan(db, env, message.body);
        message.ack();
      } catch (error) {
        console.error("fan-out message failed; retrying", error);
        message.retry({ delaySeconds: Math.min(60, 2 ** message.attempts) });
      }
    }),
  );
}
