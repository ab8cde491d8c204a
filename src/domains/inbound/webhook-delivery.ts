import { and, eq } from "drizzle-orm";
import type { Database } from "../../db/client";
import { webhookEndpoints } from "../../db/schema";
import { open } from "../../lib/secret-box";
import { signatureHeader } from "../../lib/signature";
import type { WebhookResult } from "../domain-ops.schemas";

/** The event a webhook route raises; endpoints that take every event type (none named) receive it. */
export const emailReceived = "email.received";

const timeoutMs = 10_000;

/** The environment's active endpoints that take `email.received`. */
export async function emailEndpoints(db: Database, environmentId: string) {
  const rows = await db
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.environmentId, environmentId), eq(webhookEndpoints.active, true)));
  return rows.filter((row) => row.eventTypes.length === 0 || row.eventTypes.includes(emailReceived));
}

/**
 * Posts an `email.received` event to each active outbound webhook endpoint of the environment that takes it, signed
 * and shaped as every outbound webhook (`{ id, type, timestamp, data }`, `novu-signature`, `novu-webhook-id`,
 * `novu-event-type`). Sent now rather than queued, so the caller learns each endpoint's answer: `routes.test`
 * reports them and the email handler turns "no endpoint took it" into a temporary SMTP failure.
 */
export async function emitEmailReceived(
  env: Env,
  db: Database,
  environmentId: string,
  event: { id: string; data: Record<string, unknown> },
): Promise<WebhookResult> {
  const startedAt = Date.now();
  const endpoints = await emailEndpoints(db, environmentId);
  if (endpoints.length === 0) return { skipped: true, latencyMs: 0, deliveries: [] };
  const body = JSON.stringify({
    id: event.id,
    type: emailReceived,
    timestamp: new Date().toISOString(),
    data: event.data,
  });
  const deliveries = await Promise.all(
    endpoints.map(async (endpoint) => {
      const base = { endpointId: endpoint.id, url: endpoint.url };
      try {
        const res = await fetch(endpoint.url, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "novu-signature": await signatureHeader(await open<string>(env, endpoint.secret), body),
            "novu-webhook-id": event.id,
            "novu-event-type": emailReceived,
          },
          body,
          signal: AbortSignal.timeout(timeoutMs),
        });
        await res.body?.cancel();
        return { ...base, httpStatus: res.status };
      } catch (error) {
        return { ...base, error: error instanceof Error ? error.message : String(error) };
      }
    }),
  );
  return { skipped: false, latencyMs: Date.now() - startedAt, deliveries };
}

export const anyDelivered = (result: WebhookResult) =>
  (result.deliveries ?? []).some(
    (d) => d.httpStatus !== undefined && d.httpStatus >= 200 && d.httpStatus < 300,
  );
