import { toIso } from "../../src/lib/time";
import type { NotificationRow } from "./inbox.schema";
import type { InboxNotification, InboxOwner } from "./inbox.types";

export function toInboxNotification(row: NotificationRow, owner: InboxOwner): InboxNotification {
  return {
    id: row.id,
    transactionId: row.transactionId,
    subject: row.subject ?? undefined,
    body: row.body,
    to: owner,
    isRead: row.readAt !== null,
    isSeen: row.firstSeenAt !== null,
    isArchived: row.archivedAt !== null,
    isSnoozed: row.snoozedUntil !== null,
    snoozedUntil: toIso(row.snoozedUntil),
    deliveredAt: row.deliveredAt.map((ms) => toIso(ms)),
    createdAt: toIso(row.createdAt),
    updatedAt: toIso(row.updatedAt),
    readAt: toIso(row.readAt),
    firstSeenAt: toIso(row.firstSeenAt),
    archivedAt: toIso(row.archivedAt),
    avatar: row.avatar ?? undefined,
    primaryAction: row.primaryAction ?? undefined,
    secondaryAction: row.secondaryAction ?? undefined,
    channelType: "in_app",
    tags: row.tags,
    data: row.data ?? undefined,
    redirect: row.redirect ?? undefined,
    workflow: row.workflow,
    severity: row.severity,
  };
}

/**
 * The legacy message shape Novu's socket service sends in `notification_received`; @novu/js maps it back with
 * `mapToNotification` (content → body, cta → actions and redirect, lastReadDate → readAt, …).
 */
export function toSocketMessage(notification: InboxNotification) {
  const button = (type: "primary" | "secondary", action: InboxNotification["primaryAction"]) =>
    action
      ? [{ type, content: action.label, url: action.redirect?.url, target: action.redirect?.target }]
      : [];
  const completed = notification.primaryAction?.isCompleted
    ? "primary"
    : notification.secondaryAction?.isCompleted
      ? "secondary"
      : undefined;
  return {
    _id: notification.id,
    transactionId: notification.transactionId,
    content: notification.body,
    subject: notification.subject,
    read: notification.isRead,
    seen: notification.isSeen,
    archived: notification.isArchived,
    snoozedUntil: notification.snoozedUntil ?? undefined,
    deliveredAt: notification.deliveredAt,
    createdAt: notification.createdAt,
    lastReadDate: notification.readAt ?? undefined,
    firstSeenDate: notification.firstSeenAt ?? undefined,
    archivedAt: notification.archivedAt ?? undefined,
    channel: notification.channelType,
    subscriber: {
      _id: notification.to.id,
      subscriberId: notification.to.subscriberId,
      firstName: notification.to.firstName,
      lastName: notification.to.lastName,
      avatar: notification.to.avatar,
    },
    avatar: notification.avatar,
    cta: {
      type: "redirect",
      data: notification.redirect
        ? { url: notification.redirect.url, target: notification.redirect.target }
        : {},
      action: {
        status: completed ? "done" : "pending",
        buttons: [
          ...button("primary", notification.primaryAction),
          ...button("secondary", notification.secondaryAction),
        ],
        result: { type: completed },
      },
    },
    tags: notification.tags,
    data: notification.data,
    workflow: notification.workflow,
    severity: notification.severity,
  };
}
export type SocketMessage = ReturnType<typeof toSocketMessage>;
