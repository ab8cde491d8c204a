import { providerFor } from "../../providers";
import { ProviderError } from "../../providers/types";
import { database } from "../db/client";
import { deliveryRoute, type IntegrationWithCredentials } from "../integrations/integration.service";
import {
  isWebhookEventsJob,
  isWebhookJob,
  type WebhookEventsJob,
  type WebhookJob,
} from "../webhooks/webhook.types";
import { deliverWebhooks } from "../webhooks/webhook-delivery";
import { enqueueMessageEvents, expandEventsJobs } from "../webhooks/webhook-events";
import type { DeliveryJob } from "./delivery.types";
import { alreadySent, MessageLog } from "./message-log";
import { OutboxReports } from "./outbox-report";
import { buildProviderMessage, providerCredentials } from "./provider-message";
import { onFailure } from "./retry-policy";

type Route = Awaited<ReturnType<typeof deliveryRoute>>;
export type DeliveriesMessage = DeliveryJob | WebhookJob | WebhookEventsJob;

/** `DELIVERY_BACKOFF_BASE_SECONDS`, when it is a number (tests set 0 so retries run at once). */
export function backoffBase(env: Env): number | undefined {
  const base = Number(env.DELIVERY_BACKOFF_BASE_SECONDS);
  return env.DELIVERY_BACKOFF_BASE_SECONDS !== "" && Number.isFinite(base) && base >= 0 ? base : undefined;
}

/**
 * Consumes DELIVERIES: provider sends and the outbound webhooks that report their outcome share the queue, its
 * retries and its dead-letter queue.
 */
export async function consumeDeliveries(batch: MessageBatch<DeliveriesMessage>, env: Env): Promise<void> {
  const sends: Message<DeliveryJob>[] = [];
  const webhooks: Message<WebhookJob>[] = [];
  const events: Message<WebhookEventsJob>[] = [];
  for (const message of batch.messages) {
    if (isWebhookJob(message.body)) webhooks.push(message as Message<WebhookJob>);
    else if (isWebhookEventsJob(message.body)) events.push(message as Message<WebhookEventsJob>);
    else sends.push(message as Message<DeliveryJob>);
  }
  await Promise.all([
    sends.length > 0 ? consumeSends(sends, env) : undefined,
    webhooks.length > 0 ? deliverWebhooks(webhooks, env, backoffBase(env)) : undefined,
    events.length > 0 ? expandEvents(events, env) : undefined,
  ]);
}

/** Expands reported events to their endpoints; on failure the set is retried, and a repeat keeps its event id. */
async function expandEvents(batch: Message<WebhookEventsJob>[], env: Env): Promise<void> {
  try {
    await expandEventsJobs(
      env,
      database(env),
      batch.map((m) => m.body),
    );
    for (const message of batch) message.ack();
  } catch (error) {
    console.error("webhook events could not be expanded; retrying", error);
    for (const message of batch) message.retry({ delaySeconds: 5 });
  }
}

/**
 * Each job is sent through its integration's provider adapter. Outcomes are logged to D1 in one batch per queue
 * batch; transient failures retry with backoff, permanent ones move to the fallback integration or end as failed
 * messages in the dead-letter queue. Every message is acknowledged or retried on its own, and the log is written
 * even when one of them hits an unexpected error, so a sent message is never left unrecorded. The subscribers'
 * outboxes hear how their jobs ended (or when to expect them back), one call per subscriber per batch.
 */
async function consumeSends(batch: Message<DeliveryJob>[], env: Env): Promise<void> {
  const db = database(env);
  const log = new MessageLog();
  const outbox = new OutboxReports(env);
  const baseSeconds = backoffBase(env);
  const routes = new Map<string, Promise<Route>>();
  const routeFor = (job: DeliveryJob) => {
    const key = `${job.environmentId}:${job.channel}`;
    let route = routes.get(key);
    if (!route) {
      route = deliveryRoute(env, db, job.environmentId, job.channel);
      routes.set(key, route);
    }
    return route;
  };
  const sent = await alreadySent(
    db,
    batch.map((m) => m.body.messageId),
  );
  // At-least-once delivery may hand the same job over twice in one batch: only the first copy is sent.
  const claimed = new Set<string>();

  try {
    await Promise.all(
      batch.map(async (message) => {
        const job = message.body;
        if (claimed.has(job.messageId)) return message.ack();
        claimed.add(job.messageId);
        if (sent.has(job.messageId)) {
          outbox.ended(job);
          return message.ack();
        }
        try {
          await deliver(env, message, await routeFor(job), { log, outbox }, baseSeconds);
        } catch (error) {
          // Not the provider's answer (a D1 read, a queue write): the send may still succeed later.
          const errorText = error instanceof Error ? error.message : String(error);
          const decision = onFailure({
            attempt: message.attempts,
            retryable: true,
            hasFallback: false,
            baseSeconds,
          });
          if (decision.kind === "retry") {
            log.record(job, message.attempts, { status: "queued", errorText });
            outbox.requeued(job, decision.delaySeconds);
            return message.retry({ delaySeconds: decision.delaySeconds });
          }
          log.record(job, message.attempts, { status: "error", errorText });
          outbox.ended(job);
          await env.DELIVERIES_DLQ.send(job);
          message.ack();
        }
      }),
    );
  } finally {
    // `send` never fails: a subscriber it could not reach keeps its jobs, and sends them again when their leases end.
    await Promise.all([log.flush(db), outbox.send()]);
  }
  await enqueueMessageEvents(env, db, log.finished());
}

/** Where a batch's outcomes go: the D1 message log, and the subscribers' outboxes. */
type Records = { log: MessageLog; outbox: OutboxReports };

async function deliver(
  env: Env,
  message: Message<DeliveryJob>,
  route: Route,
  { log, outbox }: Records,
  baseSeconds: number | undefined,
): Promise<void> {
  const job = message.body;
  const candidates = job.integrationId
    ? [...route.main, ...(route.fallback ? [route.fallback] : [])].filter(
        (i) => i.row.id === job.integrationId,
      )
    : route.main;

  if (candidates.length === 0) {
    if (route.fallback && !job.isFallback)
      return toFallback(env, message, route.fallback, { log, outbox }, "No active integration");
    log.record(job, message.attempts, { status: "error", errorText: `No active ${job.channel} integration` });
    outbox.ended(job);
    return message.ack();
  }
  if (candidates.length > 1) {
    // Push and chat go out through every active integration: one job each, so each retries on its own.
    const jobs = candidates.map((integration) => ({
      ...job,
      messageId: `${job.messageId}-${integration.row.id.slice(-6)}`,
      integrationId: integration.row.id,
    }));
    await outbox.replacing(job, jobs);
    await env.DELIVERIES.sendBatch(jobs.map((body) => ({ body })));
    return message.ack();
  }

  const [integration] = candidates as [IntegrationWithCredentials];
  const meta = { providerId: integration.row.providerId, integrationId: integration.row.id };
  const provider = providerFor(job.channel, integration.row.providerId);
  const built = buildProviderMessage(job, integration.row, integration.credentials);
  if (!provider || !built.ok) {
    const errorText = built.ok ? `Provider '${integration.row.providerId}' is not supported` : built.reason;
    log.record(job, message.attempts, { status: "error", ...meta, errorText });
    outbox.ended(job);
    return message.ack();
  }

  try {
    const result = await provider.send(built.message, providerCredentials(integration.credentials), {
      idempotencyKey: job.messageId,
      overrides: job.providerOverrides[integration.row.providerId],
    });
    log.record(job, message.attempts, { status: "sent", ...meta, providerMessageId: result.id });
    outbox.ended(job);
    message.ack();
  } catch (error) {
    if (!(error instanceof ProviderError)) throw error;
    const decision = onFailure({
      attempt: message.attempts,
      retryable: error.details.retryable,
      retryAfterSeconds: error.details.retryAfterSeconds,
      hasFallback:
        Boolean(route.fallback) && !job.isFallback && route.fallback?.row.id !== integration.row.id,
      baseSeconds,
    });
    if (decision.kind === "retry") {
      log.record(job, message.attempts, { status: "queued", ...meta, errorText: error.message });
      outbox.requeued(job, decision.delaySeconds);
      return message.retry({ delaySeconds: decision.delaySeconds });
    }
    if (decision.kind === "fallback" && route.fallback)
      return toFallback(env, message, route.fallback, { log, outbox }, error.message);
    log.record(job, message.attempts, { status: "error", ...meta, errorText: error.message });
    outbox.ended(job);
    await env.DELIVERIES_DLQ.send(job);
    message.ack();
  }
}

async function toFallback(
  env: Env,
  message: Message<DeliveryJob>,
  fallback: IntegrationWithCredentials,
  { log, outbox }: Records,
  reason: string,
): Promise<void> {
  const job = message.body;
  log.record(job, message.attempts, {
    status: "queued",
    errorText: `${reason}; trying fallback ${fallback.row.identifier}`,
  });
  const next: DeliveryJob = { ...job, integrationId: fallback.row.id, isFallback: true };
  await env.DELIVERIES.send(next);
  outbox.requeued(job, 0, [next]);
  message.ack();
}
