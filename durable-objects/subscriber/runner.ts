import { and, eq } from "drizzle-orm";
import { BridgeError, type BridgeTarget, bridge } from "../../src/bridge/bridge-client";
import { bridgeTarget } from "../../src/bridge/bridge-target";
import { database } from "../../src/db/client";
import { notificationEvents } from "../../src/db/schema";
import type { DeliveryJob } from "../../src/delivery/delivery.types";
import type { RunResult, RunState, WorkflowRun } from "../../src/engine/run.types";
import { openVariables } from "../../src/environment-variables/environment-variable.service";
import type { NotificationRow } from "./inbox.schema";
import type { InboxDb } from "./inbox.store";
import * as outbox from "./outbox.store";
import * as store from "./run.store";
import { type ExecutorEffects, execute, finishWait, type Progress } from "./run-executor";

type Hooks = {
  received(rows: NotificationRow[]): void;
  scheduleAlarm(): Promise<void>;
  /** Makes sure the object's alarm rings no later than `at`. */
  alarmBy(at: number): Promise<void>;
};

/**
 * The lifecycle of this subscriber's runs: start a trigger, resume the ones whose delay or digest window is due
 * (from the object's alarm), and cancel by transactionId. Every state change is stored before the next step runs,
 * so an alarm that fires twice or a restart in between never repeats or loses a step.
 */
export class Runner {
  constructor(
    private readonly db: InboxDb,
    private readonly env: Env,
    private readonly hooks: Hooks,
  ) {}

  async start(run: WorkflowRun): Promise<RunResult> {
    if (!store.claimTransaction(this.db, run.transactionId, run.workflow.workflowId, Date.now())) {
      return { transactionId: run.transactionId, duplicate: true, steps: [] };
    }
    const state: RunState = { run, outputs: {}, steps: [] };
    try {
      await this.advance(state, 0);
    } catch (error) {
      // The trigger fails and its caller retries: the transaction must not look already handled.
      store.releaseTransaction(this.db, run.transactionId);
      throw error;
    }
    return { transactionId: run.transactionId, duplicate: false, steps: state.steps };
  }

  /** Resumes every run whose time has come; called by the alarm, which is then re-armed for the next one. */
  async resumeDue(now: number): Promise<void> {
    for (const row of store.dueRuns(this.db, now)) {
      const state = row.state;
      if (!state) continue;
      store.saveRun(this.db, row.transactionId, { status: "running" }, now);
      try {
        finishWait(state, row.nextStep - 1, this.db);
        await this.advance(state, row.nextStep);
        await this.recordActivity(state);
      } catch (error) {
        console.error(`run ${row.transactionId} failed on resume; retrying in 30 s`, error);
        store.saveRun(this.db, row.transactionId, { status: "delayed", resumeAt: now + 30_000 }, now);
      }
    }
  }

  /**
   * Cancels a pending run (`DELETE /v1/events/trigger/{transactionId}`). A run waiting in a digest leaves it; if it
   * led the window and others joined, the next one takes over. True when something was cancelled.
   */
  async cancel(transactionId: string): Promise<boolean> {
    const row = store.findRun(this.db, transactionId);
    if (!row?.state || (row.status !== "delayed" && row.status !== "merged")) return false;
    const now = Date.now();
    this.leaveDigest(row, now);
    for (const step of row.state.steps) {
      if (["pending", "delayed", "merged"].includes(step.status)) step.status = "canceled";
    }
    store.saveRun(this.db, transactionId, { status: "canceled", resumeAt: null, state: row.state }, now);
    await this.hooks.scheduleAlarm();
    await this.recordActivity(row.state);
    return true;
  }

  private leaveDigest(row: store.RunRow, now: number): void {
    const groups = Object.values(row.state?.outputs ?? {}).flatMap((o) =>
      typeof o.group === "string" ? [o.group] : [],
    );
    for (const key of groups) {
      const window = store.openDigest(this.db, key);
      if (!window) continue;
      const events = window.events.filter((e) => e.transactionId !== row.transactionId);
      if (events.length === 0) {
        store.closeDigest(this.db, key);
        continue;
      }
      if (window.leader !== row.transactionId) {
        store.setDigest(this.db, key, { events });
        continue;
      }
      // The next member inherits the window: it resumes when the window closes, from the step after the digest.
      const heir = events[0]?.transactionId ?? "";
      const heirRow = store.findRun(this.db, heir);
      store.setDigest(this.db, key, { leader: heir, events });
      if (heirRow?.state) {
        const digestIndex = heirRow.state.run.workflow.steps.findIndex(
          (s) => heirRow.state?.outputs[s.stepId]?.group === key,
        );
        store.saveRun(
          this.db,
          heir,
          { status: "delayed", nextStep: digestIndex + 1, resumeAt: window.closesAt },
          now,
        );
      }
    }
  }

  private async advance(state: RunState, from: number): Promise<Progress> {
    const received: NotificationRow[] = [];
    const queued: string[] = [];
    let target: BridgeTarget | undefined;
    const effects: ExecutorEffects = {
      environmentVariables: await openVariables(this.env, state.run.env),
      db: this.db,
      now: Date.now,
      received: (row) => received.push(row),
      enqueueDelivery: (job) => this.enqueue(job, queued),
      executeOnBridge: async (input) => {
        target ??= await bridgeTarget(this.env, database(this.env), state.run.environmentId);
        if (!target)
          throw new BridgeError("This environment has no bridge URL: run `novu sync` first", false);
        return bridge.execute(target, input);
      },
    };
    try {
      const progress = await execute(state, from, effects);
      const now = Date.now();
      const id = state.run.transactionId;
      if (progress.kind === "paused") {
        store.saveRun(
          this.db,
          id,
          { status: "delayed", nextStep: progress.nextStep, resumeAt: progress.resumeAt, state },
          now,
        );
        await this.hooks.scheduleAlarm();
      } else {
        // A merged run keeps its state: a cancel may still need it, or it may inherit the digest window.
        store.finishRun(
          this.db,
          id,
          progress.kind === "merged" ? { status: "merged", state } : { status: "completed", state: null },
          now,
        );
      }
      return progress;
    } catch (error) {
      // This attempt is void and the run is tried again from its last saved step, queuing its sends anew.
      outbox.forget(this.db, queued);
      throw error;
    } finally {
      if (received.length > 0) this.hooks.received(received);
    }
  }

  /**
   * The outbox: the job is stored (with the run's other writes, and before the queue sees it) and the alarm set by its
   * lease, so a send the queue loses or refuses is sent again. The run goes on either way.
   */
  private async enqueue(job: DeliveryJob, queued: string[]): Promise<void> {
    const kept: DeliveryJob = { ...job, outbox: true };
    const leaseUntil = outbox.keep(this.db, kept, Date.now());
    queued.push(job.messageId);
    await this.hooks.alarmBy(leaseUntil);
    try {
      await this.env.DELIVERIES.send(kept);
    } catch (error) {
      console.error(`delivery ${job.messageId} could not be queued; the outbox sends it again later`, error);
    }
  }

  /** Refreshes the run's jobs in the activity feed (D1) once a resumed or cancelled run moves on. */
  private async recordActivity(state: RunState): Promise<void> {
    const { run } = state;
    await database(this.env)
      .update(notificationEvents)
      .set({ jobs: state.steps.map((step) => ({ ...step, updatedAt: Date.now() })), updatedAt: Date.now() })
      .where(
        and(
          eq(notificationEvents.environmentId, run.environmentId),
          eq(notificationEvents.transactionId, run.transactionId),
          eq(notificationEvents.subscriberId, run.subscriber.subscriberId),
        ),
      );
  }
}
