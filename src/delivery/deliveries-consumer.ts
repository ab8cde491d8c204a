import { providerFor } from "../../providers";
import { ProviderError } from "../../providers/types";
import { database } from "../db/client";
import { deliveryRoute, type IntegrationWithCredentials } from "../integrations/integration.service";
import type { DeliveryJob } from "./delivery.types";
import { alreadySent, MessageLog } from "./message-log";
import { buildProviderMessage, providerCredentials } from "./provider-message";
import { onFailure } from "./retry-policy";

type Route = Awaited<ReturnType<typeof deliveryRoute>>;

/**
 * Consumes DELIVERIES: each job is sent through its integration's provider adapter. Outcomes are logged to D1 in
 * one batch per queue batch; transient failures retry with backoff, permanent ones move to the fallback
 * integration or end as failed messages in the dead-letter queue.
 */
export async function consumeDeliveries(batch: MessageBatch<DeliveryJob>, env: Env): Promise<void> {
  const db = database(env);
  const log = new MessageLog();
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
    batch.messages.map((m) => m.body.messageId),
  );

  await Promise.all(
    batch.messages.map(async (message) => {
      if (sent.has(message.body.messageId)) return message.ack();
      await deliver(env, message, await routeFor(message.body), log);
    }),
  );
  await log.flush(db);
}

async function deliver(
  env: Env,
  message: Message<DeliveryJob>,
  route: Route,
  log: MessageLog,
): Promise<void> {
  const job = message.body;
  const candidates = job.integrationId
    ? [...route.main, ...(route.fallback ? [route.fallback] : [])].filter(
        (i) => i.row.id === job.integrationId,
      )
    : route.main;

  if (candidates.length === 0) {
    if (route.fallback && !job.isFallback)
      return toFallback(env, message, route.fallback, log, "No active integration");
    log.record(job, message.attempts, { status: "error", errorText: `No active ${job.channel} integration` });
    return message.ack();
  }
  if (candidates.length > 1) {
    // Push and chat go out through every active integration: one job each, so each retries on its own.
    await env.DELIVERIES.sendBatch(
      candidates.map((integration) => ({
        body: {
          ...job,
          messageId: `${job.messageId}-${integration.row.id.slice(-6)}`,
          integrationId: integration.row.id,
        },
      })),
    );
    return message.ack();
  }

  const [integration] = candidates as [IntegrationWithCredentials];
  const meta = { providerId: integration.row.providerId, integrationId: integration.row.id };
  const provider = providerFor(job.channel, integration.row.providerId);
  const built = buildProviderMessage(job, integration.row, integration.credentials);
  if (!provider || !built.ok) {
    const errorText = built.ok ? `Provider '${integration.row.providerId}' is not supported` : built.reason;
    log.record(job, message.attempts, { status: "error", ...meta, errorText });
    return message.ack();
  }

  try {
    const result = await provider.send(built.message, providerCredentials(integration.credentials), {
      idempotencyKey: job.messageId,
      overrides: job.providerOverrides[integration.row.providerId],
    });
    log.record(job, message.attempts, { status: "sent", ...meta, providerMessageId: result.id });
    message.ack();
  } catch (error) {
    if (!(error instanceof ProviderError)) throw error;
    const decision = onFailure({
      attempt: message.attempts,
      retryable: error.details.retryable,
      retryAfterSeconds: error.details.retryAfterSeconds,
      hasFallback:
        Boolean(route.fallback) && !job.isFallback && route.fallback?.row.id !== integration.row.id,
    });
    if (decision.kind === "retry") {
      log.record(job, message.attempts, { status: "queued", ...meta, errorText: error.message });
      return message.retry({ delaySeconds: decision.delaySeconds });
    }
    if (decision.kind === "fallback" && route.fallback)
      return toFallback(env, message, route.fallback, log, error.message);
    log.record(job, message.attempts, { status: "error", ...meta, errorText: error.message });
    await env.DELIVERIES_DLQ.send(job);
    message.ack();
  }
}

async function toFallback(
  env: Env,
  message: Message<DeliveryJob>,
  fallback: IntegrationWithCredentials,
  log: MessageLog,
  reason: string,
): Promise<void> {
  const job = message.body;
  log.record(job, message.attempts, {
    status: "queued",
    errorText: `${reason}; trying fallback ${fallback.row.identifier}`,
  });
  await env.DELIVERIES.send({ ...job, integrationId: fallback.row.id, isFallback: true });
  message.ack();
}
