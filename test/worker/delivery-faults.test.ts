import { env } from "cloudflare:workers";
import { and, count, eq } from "drizzle-orm";
import { describe, expect, inject, it, vi } from "vitest";
import { database } from "../../src/db/client";
import { messages } from "../../src/db/schema";
import type { DeliveryJob } from "../../src/delivery/delivery.types";
import { objectId } from "../../src/lib/ids";
import { api, createTenant, sendgridIntegration } from "./fixtures";

const host = inject("providerHost");
const total = 1_000;

function job(environmentId: string, n: number): DeliveryJob {
  return {
    messageId: objectId(),
    environmentId,
    subscriberId: `s-${n}`,
    transactionId: `t-${n}`,
    workflowId: "receipt",
    stepId: "email",
    channel: "email",
    content: { subject: `Order ${n}`, body: `<p>${n}</p>` },
    recipient: { email: `s-${n}@example.com`, phone: null, channels: [] },
    providerOverrides: {},
  };
}

describe("DELIVERIES under provider faults", { timeout: 90_000 }, () => {
  it(`delivers ${total} emails exactly once while the provider answers 20% of requests with 503`, async () => {
    const tenant = await createTenant();
    const provider = await sendgridIntegration(api(tenant), "faults");
    const prefix = new URL(provider.baseUrl).pathname;
    await fetch(`${host}/__script`, {
      method: "POST",
      body: JSON.stringify({ path: `${prefix}/v3/mail/send`, random: { rate: 0.2, status: 503 } }),
    });

    // The consumer is what is under test, so the jobs go straight onto its queue, as the subscriber's DO puts them.
    const jobs = Array.from({ length: total }, (_, n) => job(tenant.environmentId, n));
    for (let i = 0; i < jobs.length; i += 100) {
      await env.DELIVERIES.sendBatch(jobs.slice(i, i + 100).map((body) => ({ body })));
    }

    const db = database(env);
    const sentRows = async () =>
      (
        await db
          .select({ n: count() })
          .from(messages)
          .where(and(eq(messages.environmentId, tenant.environmentId), eq(messages.status, "sent")))
      )[0]?.n;
    await vi.waitFor(async () => expect(await sentRows()).toBe(total), { timeout: 60_000, interval: 250 });

    const requests = await provider.requests();
    const tries = new Map<string, { accepted: number; failed: number }>();
    for (const request of requests) {
      const id = (JSON.parse(request.body) as { custom_args: { novu_message_id: string } }).custom_args
        .novu_message_id;
      const seen = tries.get(id) ?? { accepted: 0, failed: 0 };
      if (request.status === 503) seen.failed++;
      else seen.accepted++;
      tries.set(id, seen);
    }
    const counts = [...tries.values()];
    expect({
      delivered: counts.filter((t) => t.accepted > 0).length,
      duplicated: counts.filter((t) => t.accepted > 1).length,
      lost: jobs.filter((j) => !tries.get(j.messageId)?.accepted).length,
    }).toEqual({ delivered: total, duplicated: 0, lost: 0 });

    // The faults really happened, each was retried, and each message's recorded attempts match what the host saw.
    expect(counts.reduce((n, t) => n + t.failed, 0)).toBeGreaterThan(total * 0.1);
    const rows = await db
      .select({ id: messages.id, attempts: messages.attempts })
      .from(messages)
      .where(eq(messages.environmentId, tenant.environmentId));
    expect(rows.filter((row) => row.attempts !== 1 + (tries.get(row.id)?.failed ?? 0))).toEqual([]);
  });
});
