import { sql } from "drizzle-orm";
import { type NotificationRow, notifications } from "./inbox.schema";
import type { NotificationPatch } from "./inbox.store";
import type { InboxFilter } from "./inbox.types";

export type ActionType = "primary" | "secondary";

/** What a subscriber can do to one notification, as the Inbox PATCH routes name it. */
export type NotificationAction =
  | { kind: "read" | "unread" | "archive" | "unarchive" | "unsnooze" | "seen" | "unseen" }
  | { kind: "snooze"; until: number }
  | { kind: "complete" | "revert"; actionType: ActionType };

/** The change one action makes to a stored notification. */
export function patchFor(action: NotificationAction, row: NotificationRow, now: number): NotificationPatch {
  switch (action.kind) {
    case "read":
      return { readAt: row.readAt ?? now, firstSeenAt: row.firstSeenAt ?? now };
    case "unread":
      return { readAt: null };
    case "seen":
      return { firstSeenAt: row.firstSeenAt ?? now };
    case "unseen":
      return { firstSeenAt: null };
    case "archive":
      return {
        archivedAt: row.archivedAt ?? now,
        readAt: row.readAt ?? now,
        firstSeenAt: row.firstSeenAt ?? now,
      };
    case "unarchive":
      return { archivedAt: null };
    case "snooze":
      return { snoozedUntil: action.until };
    case "unsnooze":
      return { snoozedUntil: null };
    case "complete":
    case "revert": {
      const key = action.actionType === "primary" ? "primaryAction" : "secondaryAction";
      const button = row[key];
      if (!button) return {};
      return { [key]: { ...button, isCompleted: action.kind === "complete" }, readAt: row.readAt ?? now };
    }
  }
}

/** The bulk actions of the Inbox: which notifications they touch and how. */
export type BulkAction = "read" | "archive" | "read-archive" | "seen" | "unread" | "unseen";

export function bulkPlan(action: BulkAction, now: number): { filter: InboxFilter; patch: NotificationPatch } {
  const keepRead = sql`coalesce(${notifications.readAt}, ${now})`;
  const keepSeen = sql`coalesce(${notifications.firstSeenAt}, ${now})`;
  switch (action) {
    case "read":
      return { filter: { read: false }, patch: { readAt: now, firstSeenAt: keepSeen } };
    case "archive":
      return {
        filter: { archived: false },
        patch: { archivedAt: now, readAt: keepRead, firstSeenAt: keepSeen },
      };
    case "read-archive":
      return { filter: { read: true, archived: false }, patch: { archivedAt: now } };
    case "seen":
      return { filter: { seen: false }, patch: { firstSeenAt: now } };
    case "unread":
      return { filter: { read: true }, patch: { readAt: null } };
    case "unseen":
      return { filter: { seen: true }, patch: { firstSeenAt: null, readAt: null } };
  }
}
