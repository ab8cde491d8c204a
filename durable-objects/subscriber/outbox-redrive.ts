import { database } from "../../src/db/client";
import type { DeliveryJob } from "../../src/delivery/delivery.types";
import { alreadySent, MessageLog } from "../../src/delivery/message-log";
import { enqueueMessageEvents } from "../../src/webhooks/webhook-events";
import type { OutboxRow } from "./inbox.schema";
import type { InboxDb } from "./inbox.store";
import * as outbox from "./outbox.store";

/** Queues' `sendBatch` takes up to 100 messages and 256 KB. */
const batchMessages = 100;
const batchBytes = 256 * 1024;

function batches(jobs: DeliveryJob[]): DeliveryJob[][] {
  const encoder = new TextEncoder();
  const out: DeliveryJob[][] = [];
  let current: DeliveryJob[] = [];
  let bytes = 0;
  for (const job of jobs) {
    const size = encoder.encode(JSON.stringify(job)).byteLength;
    if (current.length > 0 && (current.length === batchMessages || bytes + size > batchBytes)) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(job);
    bytes += size;
  }
  if (current.length > 0) out.push(current);
  return out;
}

/**
 * Sends again the jobs whose lease ran out, each with a longer lease, and records as failed those that ran out of
 * re-sends. Leases are taken before anything is awaited, so an alarm that runs twice, or twice at once, sends each
 * job once. A copy of a job the consumer already sent is acknowledged there without reaching the provider.
 */
export async function redrive(db: InboxDb, env: Env, now: number): Promise<void> {
  const due = outbox.expired(db, now);
  if (due.length === 0) return;
  const again: OutboxRow[] = [];
  const exhausted: OutboxRow[] = [];
  for (const row of due) {
    if (row.resends >= outbox.maxResends) {
      exhausted.push(row);
      outbox.lease(db, row.messageId, now + outbox.leaseMs, row.resends);
    } else {
      again.push(row);
      outbox.lease(db, row.messageId, now + outbox.resendLease(row.resends + 1), row.resends + 1);
    }
  }
  await Promise.all([resend(env, again), exhausted.length > 0 ? giveUp(db, env, exhausted) : undefined]);
}

async function resend(env: Env, rows: OutboxRow[]): Promise<void> {
  for (const batch of batches(rows.map((row) => row.job))) {
    try {
      await env.DELIVERIES.sendBatch(batch.map((body) => ({ body })));
    } catch (error) {
      // Their new leases stand: the next alarm tries again.
      console.error(`${batch.length} outbox job(s) could not be queued again`, error);
    }
  }
}

/**
 * Records the jobs nothing answered for as failed messages (unless one was sent after all) and lets them go. A
 * failure leaves them kept, for the next alarm: the alarm itself must still re-arm for the object's other work.
 */
async function giveUp(db: InboxDb, env: Env, rows: OutboxRow[]): Promise<void> {
  try {
    await recordFailed(db, env, rows);
  } catch (error) {
    console.error(`${rows.length} exhausted outbox job(s) could not be recorded as failed`, error);
  }
}

async function recordFailed(db: InboxDb, env: Env, rows: OutboxRow[]): Promise<void> {
  const d1 = database(env);
  const sent = await alreadySent(
    d1,
    rows.map((row) => row.messageId),
  );
  const log = new MessageLog();
  for (const row of rows) {
    if (sent.has(row.messageId)) continue;
    log.record(row.job, 0, {
      status: "error",
      integrationId: row.job.integrationId,
      errorText: `Not delivered: the delivery queue gave no answer after ${row.resends} re-sends`,
    });
  }
  await log.flush(d1);
  outbox.forget(
    db,
    rows.map((row) => row.messageId),
  );
  await enqueueMessageEvents(env, d1, log.finished());
}
