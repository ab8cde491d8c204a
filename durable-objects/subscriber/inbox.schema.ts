import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
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
  },
  (t) => [
    uniqueIndex("notifications_transaction_step").on(t.transactionId, t.stepId),
    index("notifications_feed").on(t.archivedAt, t.createdAt),
    index("notifications_unread").on(t.readAt, t.archivedAt),
  ],
);

export type NotificationRow = typeof notifications.$inferSelect;

/**
 * One row per trigger this subscriber received: a second trigger with the same transactionId is ignored, as Novu
 * documents, whichever channels its workflow uses.
 */
export const runs = sqliteTable("runs", {
  transactionId: text("transaction_id").primaryKey(),
  workflowId: text("workflow_id").notNull(),
  createdAt: integer("created_at").notNull(),
});
