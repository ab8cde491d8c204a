import { inArray } from "drizzle-orm";
import { database } from "../db/client";
import { webhookEndpoints } from "../db/schema";
import { onFailure } from "../delivery/retry-policy";
import { open } from "../lib/secret-box";
import { signatureHeader } from "../lib/signature";
import type { WebhookJob } from "./webhook.types";

const timeoutMs = 10_000;

type Attempt = { ok: true } | { ok: false; reason: string; retryAfterSeconds?: number };

async function post(url: string, secret: string, job: WebhookJob): Promise<Attempt> {
  const body = JSON.stringify(job.event);
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "novu-signature": await signatureHeader(secret, body),
        "novu-webhook-id": job.event.id,
        "novu-event-type": job.event.type,
      },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    // The receiver's body is not ours to read into memory; only its status decides.
    await response.body?.cancel();
    if (response.ok) return { ok: true };
    const retryAfter = Number(response.headers.get("retry-after"));
    return {
      ok: false,
      reason: `endpoint answered ${response.status}`,
      ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterSeconds: retryAfter } : {}),
    };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Posts each event to its endpoint, signed at the moment of sending. Any answer but 2xx is retried with the
 * deliveries' backoff (a receiver's 4xx is as likely a deploy in progress as a refusal); after the last attempt the
 * job goes to the dead-letter queue. An endpoint deleted or disabled meanwhile gets nothing more.
 */
export async function deliverWebhooks(
  batch: Message<WebhookJob>[],
  env: Env,
  baseSeconds: number | undefined,
): Promise<void> {
  const ids = [...new Set(batch.map((m) => m.body.endpointId))];
  const endpoints = new Map(
    (await database(env).select().from(webhookEndpoints).where(inArray(webhookEndpoints.id, ids))).map(
      (row) => [row.id, row],
    ),
  );

  await Promise.all(
    batch.map(async (message) => {
      const job = message.body;
      const endpoint = endpoints.get(job.endpointId);
      if (!endpoint?.active || endpoint.environmentId !== job.environmentId) return message.ack();

      const attempt = await post(endpoint.url, await open<string>(env, endpoint.secret), job);
      if (attempt.ok) return message.ack();
      const decision = onFailure({
        attempt: message.attempts,
        retryable: true,
        retryAfterSeconds: attempt.retryAfterSeconds,
        hasFallback: false,
        baseSeconds,
      });
      if (decision.kind === "retry") return message.retry({ delaySeconds: decision.delaySeconds });
      console.warn(`webhook ${job.event.id} to endpoint ${endpoint.id} failed for good: ${attempt.reason}`);
      await env.DELIVERIES_DLQ.send(job);
      message.ack();
    }),
  );
}
