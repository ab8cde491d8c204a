/** The message status events an endpoint can subscribe to; all of them when it names none. */
export const webhookEventTypes = ["message.sent", "message.failed"] as const;
export type WebhookEventType = (typeof webhookEventTypes)[number];

/** What an endpoint receives as the JSON body of one POST. */
export type WebhookEvent = {
  /** Stable per message and event type, so a receiver can drop a redelivery. */
  id: string;
  type: WebhookEventType;
  timestamp: string;
  data: Record<string, unknown>;
};

/** One DELIVERIES queue message: one event for one endpoint, retried on its own. */
export type WebhookJob = { kind: "webhook"; environmentId: string; endpointId: string; event: WebhookEvent };

export function isWebhookJob(body: unknown): body is WebhookJob {
  return typeof body === "object" && body !== null && (body as { kind?: unknown }).kind === "webhook";
}
