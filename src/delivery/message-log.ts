import { inArray, sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { type MessageRow, messages } from "../db/schema";
import type { DeliveryJob } from "./delivery.types";

export type Outcome =
  | { status: "sent"; providerId: string; integrationId: string; providerMessageId: string }
  | { status: "queued"; providerId?: string; integrationId?: string; errorText?: string }
  | { status: "error"; providerId?: string; integrationId?: string; errorText: string };

export type FinishedMessage = typeof messages.$inferInsert & { status: "sent" | "error" };

/**
 * Collects the outcome of every job in a consumer batch and writes them to D1 in one batch: D1 has one writer, so
 * the hot path never spends a round trip per message.
 */
export class MessageLog {
  private readonly rows = new Map<string, typeof messages.$inferInsert>();

  record(job: DeliveryJob, attempt: number, outcome: Outcome): void {
    const now = Date.now();
    this.rows.set(job.messageId, {
      id: job.messageId,
      environmentId: job.environmentId,
      subscriberId: job.subscriberId,
      transactionId: job.transactionId,
      workflowId: job.workflowId,
      stepId: job.stepId,
      channel: job.channel,
      providerId: outcome.providerId ?? null,
      integrationId: outcome.integrationId ?? null,
      status: outcome.status,
      providerMessageId: outcome.status === "sent" ? outcome.providerMessageId : null,
      errorText: outcome.status === "sent" ? null : (outcome.errorText ?? null),
      attempts: attempt,
      subject: job.content.subject ?? null,
      content: job.content.body,
      createdAt: now,
      updatedAt: now,
    });
  }

  /** The messages of this batch that reached an end (sent, or failed for good), as they were written. */
  finished(): FinishedMessage[] {
    return [...this.rows.values()].filter(
      (row): row is FinishedMessage => row.status === "sent" || row.status === "error",
    );
  }

  async flush(db: Database): Promise<void> {
    const statements = [...this.rows.values()].map((row) =>
      db
        .insert(messages)
        .values(row)
        .onConflictDoUpdate({
          target: messages.id,
          set: {
            status: row.status,
            providerId: row.providerId,
            integrationId: row.integrationId,
            providerMessageId: row.providerMessageId,
            errorText: row.errorText,
            attempts: sql`max(${messages.attempts}, ${row.attempts})`,
            updatedAt: row.updatedAt,
          },
          // A late retry of an already-sent message must not overwrite its success.
          setWhere: sql`${messages.status} != 'sent'`,
        }),
    );
    const [first, ...rest] = statements;
    if (first) await db.batch([first, ...rest]);
  }
}

/** Ids among `ids` already delivered: their redelivered queue messages are acknowledged without sending again. */
export async function alreadySent(db: Database, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows: Pick<MessageRow, "id" | "status">[] = await db
    .select({ id: messages.id, status: messages.status })
    .from(messages)
    .where(inArray(messages.id, ids));
  return new Set(rows.filter((row) => row.status === "sent").map((row) => row.id));
}
