import { and, inArray, isNull, or } from "drizzle-orm";
import type { WebhookEvent, WebhookEventsJob } from "../../src/webhooks/webhook.types";
import { type NotificationRow, notifications } from "./inbox.schema";
import { type InboxDb, whereFilter } from "./inbox.store";
import type { InboxFilter } from "./inbox.types";

/** Queue messages stay well under the 128 KB limit at this many events each. */
const eventsPerJob = 50;

type Before = Pick<NotificationRow, "id" | "readAt" | "firstSeenAt">;

/** What a bulk action may newly mark seen or read, read before it runs so its transitions can be told. */
export function unseenOrUnread(db: InboxDb, filter: InboxFilter, ids?: string[]): Before[] {
  return db
    .select({ id: notifications.id, readAt: notifications.readAt, firstSeenAt: notifications.firstSeenAt })
    .from(notifications)
    .where(
      and(
        whereFilter(filter),
        ids ? inArray(notifications.id, ids) : undefined,
        or(isNull(notifications.readAt), isNull(notifications.firstSeenAt)),
      ),
    )
    .all();
}

function event(
  type: "message.seen" | "message.read",
  row: NotificationRow,
  subscriberId: string,
): WebhookEvent {
  const at = (type === "message.read" ? row.readAt : row.firstSeenAt) ?? row.updatedAt;
  return {
    id: `${row.id}:${type}`,
    type,
    timestamp: new Date(at).toISOString(),
    data: {
      _id: row.id,
      subscriberId,
      transactionId: row.transactionId,
      workflowId: row.workflow.identifier,
      stepId: row.stepId,
      channel: "in_app",
      status: type === "message.read" ? "read" : "seen",
    },
  };
}

/**
 * `message.seen` and `message.read` for the in-app messages an action marked so for the first time, as jobs for the
 * DELIVERIES queue (its consumer finds the environment's endpoints). Marking again, or unmarking, reports nothing.
 */
export function engagementJobs(
  environmentId: string,
  subscriberId: string,
  before: Before[],
  after: NotificationRow[],
): WebhookEventsJob[] {
  const events = after.flatMap((row) => {
    const was = before.find((b) => b.id === row.id);
    if (!was) return [];
    return [
      ...(was.firstSeenAt === null && row.firstSeenAt !== null
        ? [event("message.seen", row, subscriberId)]
        : []),
      ...(was.readAt === null && row.readAt !== null ? [event("message.read", row, subscriberId)] : []),
    ];
  });
  const jobs: WebhookEventsJob[] = [];
  for (let i = 0; i < events.length; i += eventsPerJob) {
    jobs.push({ kind: "webhook-events", environmentId, events: events.slice(i, i + eventsPerJob) });
  }
  return jobs;
}
