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
  /** The shared run, inline when it fits a queue message, else stored in D1 (`trigger_snapshots`). */
  template: RunTemplate | { snapshotId: string };
};

export const pageSize = 100;

/** Pages one scan queues: its read is one index range of ids only, 5,000 at a time. */
export const pagesPerScan = 50;
