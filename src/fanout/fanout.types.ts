import type { RunTemplate } from "../events/run-builder";

export type FanoutSource = { kind: "topic"; topicId: string; topicKey: string } | { kind: "all" };

/** One FANOUT queue message: the next page of up to `pageSize` recipients of a topic or broadcast trigger. */
export type FanoutJob = {
  environmentId: string;
  organizationId: string;
  source: FanoutSource;
  /** Keyset cursor: the last row id of the previous page. */
  afterId: string | null;
  /** subscriberIds that must not receive this trigger (the actor, `exclude`). */
  exclude: string[];
  /** The shared run, inline when it fits a queue message, else stored in D1 (`trigger_snapshots`). */
  template: RunTemplate | { snapshotId: string };
};

export const pageSize = 100;
