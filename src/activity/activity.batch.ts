import type { Database } from "../db/client";
import { chunks, rowsPerInsert } from "../db/limits";
import { notificationEvents } from "../db/schema";

export type ActivityRow = typeof notificationEvents.$inferInsert;

const columns = Object.keys(notificationEvents).length;

type OpenBatch = { db: Database; rows: ActivityRow[]; written: Promise<void> };

/** The batch still taking rows: those of every request of this isolate until the next turn of the event loop. */
let open: OpenBatch | undefined;

/**
 * Group commit of activity rows. D1 is a single writer, and one insert per trigger was the largest cost of the
 * trigger path after the Durable Object call; concurrent triggers of one isolate now share one D1 batch. Each
 * caller gets the promise of the batch that carries its rows, to hand to its request's `waitUntil`: a row counts
 * as written only once D1 has it, and workerd resumes each waiting request in its own context.
 */
export function writeActivity(db: Database, rows: ActivityRow[]): Promise<void> {
  if (rows.length === 0) return Promise.resolve();
  if (open?.db !== db) {
    const batch: OpenBatch = { db, rows: [], written: Promise.resolve() };
    batch.written = flushNextTurn(batch);
    open = batch;
  }
  open.rows.push(...rows);
  return open.written;
}

async function flushNextTurn(batch: OpenBatch): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 0));
  if (open === batch) open = undefined;
  const [first, ...rest] = chunks(batch.rows, rowsPerInsert(columns)).map((part) =>
    batch.db.insert(notificationEvents).values(part).onConflictDoNothing(),
  );
  if (first) await batch.db.batch([first, ...rest]);
}
