import type { MessageRow, NotificationEventRow, SubscriberRow } from "../db/schema";
import { toIso } from "../lib/time";
import type { ActivityDto, ActivityJobDto } from "./activity.schemas";

const messageStatus = { sent: "Success", error: "Failed", queued: "Queued" } as const;

/** Provider-reported outcomes that mean the message did not reach its recipient. */
const undelivered = new Set(["bounced", "dropped", "failed", "undelivered", "rejected", "blocked"]);
/** Outcomes the recipient caused or that may still resolve: worth a look, not a failure. */
const noteworthy = new Set(["deferred", "delayed", "spam", "complaint", "unsubscribed"]);

/** What the provider reported after the send, through its event webhook (activity.track). */
function reported(send: MessageRow) {
  return send.deliveryEvents.map((event, index) => ({
    _id: `${send.id}-event-${index}`,
    createdAt: event.date,
    status: undelivered.has(event.status)
      ? ("Failed" as const)
      : noteworthy.has(event.status)
        ? ("Warning" as const)
        : ("Success" as const),
    detail: `Provider reported: ${event.status}`,
    isRetry: false,
    isTest: false,
    providerId: send.providerId ?? undefined,
    source: "Webhook" as const,
  }));
}

/** Execution details of one job: what the run decided, then each delivery attempt's outcome for that step. */
function details(
  event: NotificationEventRow,
  job: NotificationEventRow["jobs"][number],
  sends: MessageRow[],
) {
  const decided = {
    _id: `${event.id}-${job.stepId}`,
    createdAt: toIso(job.updatedAt),
    status:
      job.status === "failed"
        ? ("Failed" as const)
        : job.status === "skipped"
          ? ("Warning" as const)
          : ("Success" as const),
    detail: job.detail ?? `Step ${job.status}`,
    isRetry: false,
    isTest: false,
    source: "Internal" as const,
  };
  return [
    decided,
    ...sends.flatMap((send) => [
      {
        _id: send.id,
        createdAt: toIso(send.updatedAt),
        status: messageStatus[send.status],
        detail:
          send.status === "sent"
            ? `Message sent (${send.providerMessageId})`
            : (send.errorText ?? "Queued for delivery"),
        isRetry: send.attempts > 1,
        isTest: false,
        providerId: send.providerId ?? undefined,
        source: "Credentials" as const,
      },
      ...reported(send),
    ]),
  ];
}

function jobStatus(job: NotificationEventRow["jobs"][number], sends: MessageRow[]): string {
  if (job.status !== "queued" || sends.length === 0) return job.status;
  if (sends.some((s) => s.status === "sent")) return "completed";
  return sends.every((s) => s.status === "error") ? "failed" : "queued";
}

export function toActivityDto(
  event: NotificationEventRow,
  subscriber: SubscriberRow | undefined,
  messages: MessageRow[],
): ActivityDto {
  const jobs: ActivityJobDto[] = event.jobs.map((job) => {
    const sends = messages.filter((m) => m.stepId === job.stepId);
    return {
      _id: `${event.id}-${job.stepId}`,
      type: job.type,
      status: jobStatus(job, sends),
      providerId: sends.find((s) => s.providerId)?.providerId ?? "novu",
      executionDetails: details(event, job, sends),
      step: {
        _id: job.stepId,
        active: true,
        filters: [],
        _templateId: event.workflowRowId,
        name: job.stepId,
      },
      updatedAt: toIso(Math.max(job.updatedAt, ...sends.map((s) => s.updatedAt))),
    };
  });
  return {
    _id: event.id,
    _environmentId: event.environmentId,
    _organizationId: event.organizationId,
    _subscriberId: event.subscriberRowId,
    _templateId: event.workflowRowId,
    transactionId: event.transactionId,
    createdAt: toIso(event.createdAt),
    updatedAt: toIso(event.updatedAt),
    channels: event.channels,
    subscriber: subscriber && {
      _id: subscriber.id,
      subscriberId: subscriber.subscriberId,
      firstName: subscriber.firstName ?? undefined,
      lastName: subscriber.lastName ?? undefined,
      email: subscriber.email ?? undefined,
      phone: subscriber.phone ?? undefined,
    },
    template: {
      _id: event.workflowRowId,
      name: event.workflowName,
      triggers: [{ type: "event", identifier: event.workflowId, variables: [] }],
    },
    jobs,
    payload: event.payload,
    topics: event.topicKeys.map((topicKey) => ({ topicKey })),
    contextKeys: event.contextKeys,
    ...(event.tenant ? { tenant: event.tenant } : {}),
  };
}
