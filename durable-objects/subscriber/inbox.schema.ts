import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { DeliveryJob } from "../../src/delivery/delivery.types";
import type { ChannelToggles } from "../../src/engine/preferences";
import type { RunState } from "../../src/engine/run.types";
import type { InboxAction, InboxRedirect, InboxWorkflow } from "./inbox.types";

/** One row per in-app message of this subscriber; times are ms since the epoch. */
export const notifications = sqliteTable(
  "notifications",
  {
    id: text("id").primaryKey(),
    transactionId: text("transaction_id").notNull(),
    stepId: text("step_id").notNull(),
    workflow: text("workflow", { mode: "json" }).$type<InboxWorkflow>().notNull(),
    subject: text("subject"),
    body: text("body").notNull(),
    avatar: text("avatar"),
    primaryAction: text("primary_action", { mode: "json" }).$type<InboxAction>(),
    secondaryAction: text("secondary_action", { mode: "json" }).$type<InboxAction>(),
    redirect: text("redirect", { mode: "json" }).$type<InboxRedirect>(),
    data: text("data", { mode: "json" }).$type<Record<string, unknown>>(),
    tags: text("tags", { mode: "json" }).$type<string[]>().notNull(),
    severity: text("severity", { enum: ["high", "medium", "low", "none"] }).notNull(),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
    readAt: integer("read_at"),
    firstSeenAt: integer("first_seen_at"),
    archivedAt: integer("archived_at"),
    snoozedUntil: integer("snoozed_until"),
    deliveredAt: text("delivered_at", { mode: "json" }).$type<number[]>().notNull(),
    /**
     * The trigger's contexts as sorted, unique `type:id` keys (Novu's `contextKeys`), so that an Inbox session sees
     * exactly the notifications of its own context by comparing one value (m0005).
     */
    contextKeys: text("context_keys", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
  },
  (t) => [
    uniqueIndex("notifications_transaction_step").on(t.transactionId, t.stepId),
    // Newest first with the id as tie-break, as every list orders: no sort of the whole inbox for a page of 20.
    index("notifications_feed_ordered").on(t.archivedAt, t.createdAt, t.id),
    index("notifications_recent").on(t.createdAt, t.id),
    index("notifications_unread").on(t.readAt, t.archivedAt),
    // Every Inbox query names the session's context: its pages are read in order and its unread counted from an
    // index, however many notifications other contexts hold.
    index("notifications_context_feed").on(t.contextKeys, t.createdAt, t.id),
    index("notifications_context_unread").on(t.contextKeys, t.readAt, t.archivedAt),
  ],
);

export type NotificationRow = typeof notifications.$inferSelect;

/**
 * One row per trigger this subscriber received: a second trigger with the same transactionId is ignored, as Novu
 * documents, whichever channels its workflow uses.
 */
export const runs = sqliteTable(
  "runs",
  {
    transactionId: text("transaction_id").primaryKey(),
    workflowId: text("workflow_id").notNull(),
    createdAt: integer("created_at").notNull(),
    /** running → delayed (a delay or digest window) → completed; or canceled, or merged into another's digest. */
    status: text("status", { enum: ["running", "delayed", "completed", "canceled", "merged", "failed"] })
      .notNull()
      .default("completed"),
    /** The step to run when the run resumes. */
    nextStep: integer("next_step").notNull().default(0),
    resumeAt: integer("resume_at"),
    /** The run (`WorkflowRun`) and what its steps produced so far (`RunState`), kept until the run ends. */
    state: text("state", { mode: "json" }).$type<RunState>(),
    updatedAt: integer("updated_at"),
  },
  (t) => [index("runs_resume").on(t.status, t.resumeAt)],
);

/** An open digest window: the events collected for one group until it closes. */
export const digests = sqliteTable("digests", {
  group: text("group").primaryKey(),
  leader: text("leader").notNull(),
  closesAt: integer("closes_at").notNull(),
  events: text("events", { mode: "json" }).$type<DigestEvent[]>().notNull(),
});

/** The last event each digest group saw, for look-back windows. */
export const digestHistory = sqliteTable("digest_history", {
  group: text("group").primaryKey(),
  lastEventAt: integer("last_event_at").notNull(),
});

/** Runs a throttle step let through, per throttle key. */
export const throttles = sqliteTable(
  "throttles",
  { key: text("key").notNull(), at: integer("at").notNull() },
  (t) => [index("throttles_key_at").on(t.key, t.at)],
);

export type DigestEvent = {
  id: string;
  transactionId: string;
  time: string;
  payload: Record<string, unknown>;
};

/** The subscriber's channel choices: `workflowId` "" holds the global row. */
export const preferences = sqliteTable("preferences", {
  workflowId: text("workflow_id").primaryKey(),
  channels: text("channels", { mode: "json" }).$type<ChannelToggles>().notNull(),
  updatedAt: integer("updated_at").notNull(),
});

// The delivery outbox (m0006).

/**
 * Channel sends handed to the DELIVERIES queue and not yet reported ended by its consumer. A job whose lease runs
 * out without word is sent again by the object's alarm: the queue may have lost it.
 */
export const outbox = sqliteTable(
  "outbox",
  {
    messageId: text("message_id").primaryKey(),
    job: text("job", { mode: "json" }).$type<DeliveryJob>().notNull(),
    leaseUntil: integer("lease_until").notNull(),
    /** How many times the alarm sent it again; bounded, then the message is recorded as failed. */
    resends: integer("resends").notNull().default(0),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("outbox_lease").on(t.leaseUntil)],
);

export type OutboxRow = typeof outbox.$inferSelect;
