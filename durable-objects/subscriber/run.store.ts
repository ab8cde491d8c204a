import { and, asc, eq, gt, lte, min, sql } from "drizzle-orm";
import { prepared } from "../../src/db/prepared";
import type { RunState } from "../../src/engine/run.types";
import { type DigestEvent, digestHistory, digests, runs, throttles } from "./inbox.schema";
import type { InboxDb } from "./inbox.store";

export type RunRow = typeof runs.$inferSelect;

/** Records that this subscriber received the transaction; false when it already had (a duplicate trigger). */
export function claimTransaction(
  db: InboxDb,
  transactionId: string,
  workflowId: string,
  now: number,
): boolean {
  return claimRun(db).get({ transactionId, workflowId, now }) !== undefined;
}

/** Every trigger claims its transactionId first: built into SQL once per object. */
const claimRun = prepared((db: InboxDb) =>
  db
    .insert(runs)
    .values({
      transactionId: sql.placeholder("transactionId"),
      workflowId: sql.placeholder("workflowId"),
      createdAt: sql.placeholder("now"),
      status: "running",
      updatedAt: sql.placeholder("now"),
    })
    .onConflictDoNothing()
    .returning({ transactionId: runs.transactionId })
    .prepare(),
);

export function releaseTransaction(db: InboxDb, transactionId: string): void {
  db.delete(runs).where(eq(runs.transactionId, transactionId)).run();
}

export function findRun(db: InboxDb, transactionId: string): RunRow | undefined {
  return db.select().from(runs).where(eq(runs.transactionId, transactionId)).get();
}

export function saveRun(
  db: InboxDb,
  transactionId: string,
  change: { status: RunRow["status"]; nextStep?: number; resumeAt?: number | null; state?: RunState | null },
  now: number,
): void {
  db.update(runs)
    .set({ ...change, updatedAt: now })
    .where(eq(runs.transactionId, transactionId))
    .run();
}

/** The end of every run that did not pause: built into SQL once per object. */
const finishStatement = prepared((db: InboxDb) =>
  db
    .update(runs)
    .set({
      status: sql`${sql.placeholder("status")}`,
      resumeAt: null,
      state: sql`${sql.placeholder("state")}`,
      updatedAt: sql`${sql.placeholder("now")}`,
    })
    .where(eq(runs.transactionId, sql.placeholder("transactionId")))
    .prepare(),
);

/** A finished run: completed, or merged into a digest (which keeps its state, for a cancel or the window's heir). */
export function finishRun(
  db: InboxDb,
  transactionId: string,
  finish: { status: "completed" | "merged"; state: RunState | null },
  now: number,
): void {
  // Bound as raw SQL values, so the JSON column's encoding is done here.
  const state = finish.state === null ? null : JSON.stringify(finish.state);
  finishStatement(db).run({ transactionId, status: finish.status, state, now });
}

export function dueRuns(db: InboxDb, now: number): RunRow[] {
  return db
    .select()
    .from(runs)
    .where(and(eq(runs.status, "delayed"), lte(runs.resumeAt, now)))
    .orderBy(asc(runs.resumeAt))
    .all();
}

export function nextResume(db: InboxDb): number | undefined {
  return (
    db
      .select({ at: min(runs.resumeAt) })
      .from(runs)
      .where(eq(runs.status, "delayed"))
      .get()?.at ?? undefined
  );
}

export function openDigest(db: InboxDb, group: string) {
  return db.select().from(digests).where(eq(digests.group, group)).get();
}

export function digestLedBy(db: InboxDb, leader: string) {
  return db.select().from(digests).where(eq(digests.leader, leader)).get();
}

export function startDigest(
  db: InboxDb,
  group: string,
  leader: string,
  closesAt: number,
  event: DigestEvent,
): void {
  db.insert(digests)
    .values({ group, leader, closesAt, events: [event] })
    .run();
}

export function setDigest(
  db: InboxDb,
  group: string,
  change: { leader?: string; events: DigestEvent[] },
): void {
  db.update(digests).set(change).where(eq(digests.group, group)).run();
}

export function closeDigest(db: InboxDb, group: string): void {
  db.delete(digests).where(eq(digests.group, group)).run();
}

export function lastDigestEvent(db: InboxDb, group: string): number | undefined {
  return db.select().from(digestHistory).where(eq(digestHistory.group, group)).get()?.lastEventAt;
}

export function noteDigestEvent(db: InboxDb, group: string, at: number): void {
  db.insert(digestHistory)
    .values({ group, lastEventAt: at })
    .onConflictDoUpdate({ target: digestHistory.group, set: { lastEventAt: at } })
    .run();
}

export function throttledSince(db: InboxDb, key: string, since: number): number[] {
  return db
    .select({ at: throttles.at })
    .from(throttles)
    .where(and(eq(throttles.key, key), gt(throttles.at, since)))
    .all()
    .map((row) => row.at);
}

export function noteThrottled(db: InboxDb, key: string, at: number): void {
  db.insert(throttles).values({ key, at }).run();
}
