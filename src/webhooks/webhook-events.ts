import { and, eq, inArray } from "drizzle-orm";
import type { Database } from "../db/client";
import { webhookEndpoints } from "../db/schema";
import type { FinishedMessage } from "../delivery/message-log";
import { toIso } from "../lib/time";
import type { WebhookEvent, WebhookEventsJob, WebhookEventType, WebhookJob } from "./webhook.types";

function toEvent(message: FinishedMessage): WebhookEvent {
  const type: WebhookEventType = message.status === "sent" ? "message.sent" : "message.failed";
  return {
    id: `${message.id}:${type}`,
    type,
    timestamp: toIso(message.updatedAt),
    data: {
      _id: message.id,
      _environmentId: message.environmentId,
      subscriberId: message.subscriberId,
      transactionId: message.transactionId,
      workflowId: message.workflowId,
      stepId: message.stepId,
      channel: message.channel,
      providerId: message.providerId ?? null,
      status: message.status,
      providerMessageId: message.providerMessageId ?? null,
      errorText: message.errorText ?? null,
      attempts: message.attempts ?? 1,
    },
  };
}

/** Sent or failed, for each message the consumer finished. */
export function enqueueMessageEvents(env: Env, db: Database, finished: FinishedMessage[]): Promise<void> {
  return enqueueEvents(
    env,
    db,
    finished.map((message) => ({ environmentId: message.environmentId, event: toEvent(message) })),
  );
}

/** Seen or read, reported by subscribers' Durable Objects. */
export function expandEventsJobs(env: Env, db: Database, jobs: WebhookEventsJob[]): Promise<void> {
  return enqueueEvents(
    env,
    db,
    jobs.flatMap((job) => job.events.map((event) => ({ environmentId: job.environmentId, event }))),
  );
}

/**
 * Queues one webhook job per event and subscribed endpoint of its environment: one D1 read for the whole consumer
 * batch, and the jobs ride the same queue with their own retries.
 */
async function enqueueEvents(
  env: Env,
  db: Database,
  events: Array<{ environmentId: string; event: WebhookEvent }>,
): Promise<void> {
  if (events.length === 0) return;
  const environmentIds = [...new Set(events.map((e) => e.environmentId))];
  const endpoints = await db
    .select({
      id: webhookEndpoints.id,
      environmentId: webhookEndpoints.environmentId,
      eventTypes: webhookEndpoints.eventTypes,
    })
    .from(webhookEndpoints)
    .where(and(inArray(webhookEndpoints.environmentId, environmentIds), eq(webhookEndpoints.active, true)));
  if (endpoints.length === 0) return;

  const jobs: WebhookJob[] = [];
  for (const { environmentId, event } of events) {
    for (const endpoint of endpoints) {
      if (endpoint.environmentId !== environmentId) continue;
      if (endpoint.eventTypes.length > 0 && !endpoint.eventTypes.includes(event.type)) continue;
      jobs.push({ kind: "webhook", environmentId: endpoint.environmentId, endpointId: endpoint.id, event });
    }
  }
  // Queues take at most 100 messages per sendBatch.
  for (let i = 0; i < jobs.length; i += 100) {
    await env.DELIVERIES.sendBatch(jobs.slice(i, i + 100).map((body) => ({ body })));
  }
}
