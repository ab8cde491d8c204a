import type { SubscriberChannel } from "../db/schema";

export type DeliveryChannel = "email" | "sms" | "push" | "chat";

/** One DELIVERIES queue message: a rendered send for one subscriber on one channel. */
export type DeliveryJob = {
  messageId: string;
  environmentId: string;
  subscriberId: string;
  transactionId: string;
  workflowId: string;
  stepId: string;
  channel: DeliveryChannel;
  content: { subject?: string; body: string; data?: Record<string, string> };
  recipient: { email: string | null; phone: string | null; channels: SubscriberChannel[] };
  /** `overrides.providers` of the trigger, merged with the step's own (step wins). */
  providerOverrides: Record<string, Record<string, unknown>>;
  /** Set once the job is bound to one integration (push/chat fan-out, fallback). */
  integrationId?: string;
  isFallback?: boolean;
  /** Set by the subscriber's Durable Object, which keeps the job in its outbox until the consumer reports its end. */
  outbox?: boolean;
};

/**
 * What the DELIVERIES consumer tells one subscriber's outbox after a batch. `ended`: jobs that reached an end (sent,
 * failed for good, or already sent by an earlier copy). `requeued`: jobs handed back to the queue to be looked at
 * again at `at` (ms): a retry, or, with `jobs`, replaced by what was queued instead (the fallback's job, or one job
 * per integration).
 */
export type OutboxReport = {
  ended: string[];
  requeued: Array<{ messageId: string; at: number; jobs?: DeliveryJob[] }>;
};

/** Cloudflare Queues accept messages up to 128 KB. */
export const maxJobBytes = 128 * 1024;
