import { asc, eq, inArray, lte, min } from "drizzle-orm";
import type { DeliveryJob, OutboxReport } from "../../src/delivery/delivery.types";
import { type OutboxRow, outbox } from "./inbox.schema";
import type { InboxDb } from "./inbox.store";

/**
 * How long past the time a job was due to be looked at (queued, or its retry's) the consumer may stay silent before
 * the job counts as lost: a batch's provider calls and a short backlog fit in it.
 */
export const leaseMs = 60_000;
/** Re-sends without word from the consumer, each lease twice the last, before the message is recorded as failed. */
export const maxResends = 8;
const maxLeaseMs = 3_600_000;

/** The lease given to a job the alarm sends for the `resends`-th time: about 2 min, 4, 8 … capped at an hour. */
export function resendLease(resends: number): number {
  return Math.min(maxLeaseMs, leaseMs * 2 ** resends);
}

/** Keeps a job about to be queued; returns when its lease runs out. */
export function keep(db: InboxDb, job: DeliveryJob, now: number): number {
  const leaseUntil = now + leaseMs;
  db.insert(outbox)
    .values({ messageId: job.messageId, job, leaseUntil, createdAt: now })
    .onConflictDoUpdate({ target: outbox.messageId, set: { job, leaseUntil } })
    .run();
  return leaseUntil;
}

export function forget(db: InboxDb, messageIds: string[]): void {
  if (messageIds.length > 0) db.delete(outbox).where(inArray(outbox.messageId, messageIds)).run();
}

/**
 * Applies the consumer's report. Only jobs still kept here are touched: a late report about a job that already
 * ended, or one this object never queued, adds nothing.
 */
export function settle(db: InboxDb, report: OutboxReport): void {
  forget(db, report.ended);
  for (const { messageId, at, jobs } of report.requeued) {
    const leaseUntil = at + leaseMs;
    if (!jobs) {
      db.update(outbox).set({ leaseUntil }).where(eq(outbox.messageId, messageId)).run();
      continue;
    }
    const kept = db.select().from(outbox).where(eq(outbox.messageId, messageId)).get();
    if (!kept) continue;
    forget(db, [messageId]);
    for (const job of jobs) {
      db.insert(outbox)
        .values({
          messageId: job.messageId,
          job,
          leaseUntil,
          resends: kept.resends,
          createdAt: kept.createdAt,
        })
        .onConflictDoUpdate({ target: outbox.messageId, set: { job, leaseUntil } })
        .run();
    }
  }
}

export function expired(db: InboxDb, now: number): OutboxRow[] {
  return db.select().from(outbox).where(lte(outbox.leaseUntil, now)).orderBy(asc(outbox.leaseUntil)).all();
}

export function lease(db: InboxDb, messageId: string, leaseUntil: number, resends: number): void {
  db.update(outbox).set({ leaseUntil, resends }).where(eq(outbox.messageId, messageId)).run();
}

export function nextLeaseEnd(db: InboxDb): number | undefined {
  return (
    db
      .select({ at: min(outbox.leaseUntil) })
      .from(outbox)
      .get()?.at ?? undefined
  );
}
