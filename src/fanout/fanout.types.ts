import type { RunTemplate } from "../events/run-builder";

export type FanoutSource = { kind: "topic"; topicId: string; topicKey: string } | { kind: "all" };

/**
 * One FANOUT queue message. Without `untilId` it is a scan: it queues the pages of recipients after `afterId` (and
 * the next scan). With `untilId` it is a page: the recipients whose row id is in (`afterId`, `untilId`].
 */
export type FanoutJob = {
  environmentId: string;
  organizationId: string;
  source: FanoutSource;
  /** Keyset cursor: the last row id before this job's recipients. */
  afterId: string | null;
  /** A page's last row id; absent on a scan. */
  untilId?: string;
  /** subscriberIds that must not receive this trigger (the actor, `exclude`). */
  exclude: string[];
  /** A page queued again for the recipients it failed: their subscriber row ids; the others were served. */
  recipients?: string[];
  /** How many times this page was queued again for failed recipients. */
  retries?: number;
  /** The shared run, inline when it fits a queue message, else stored in D1 (`trigger_snapshots`). */
  template: RunTemplate | { snapshotId: string };
};

export const pageSize = 100;

/** Times a page is queued again for its failed recipients before it goes back to the queue's own retries. */
export const maxRecipientRetries = 6;

/** Pages one scan queues: its read is one index range of ids only, 5,000 at a time. */
export const pagesPerScan = 50;
