/** The message status events an endpoint can subscribe to; all of them when it names none. */
export const webhookEventTypes = ["message.sent", "message.failed", "message.seen", "message.read"] as const;
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

/**
 * Events raised where no endpoint list is at hand (a subscriber's Durable Object, when an in-app message is seen or
 * read): the consumer expands them to one `WebhookJob` per subscribed endpoint.
 */
export type WebhookEventsJob = { kind: "webhook-events"; environmentId: string; events: WebhookEvent[] };

const kindOf = (body: unknown) =>
  typeof body === "object" && body !== null ? (body as { kind?: unknown }).kind : undefined;

export function isWebhookJob(body: unknown): body is WebhookJob {
  return kindOf(body) === "webhook";
}

export function isWebhookEventsJob(body: unknown): body is WebhookEventsJob {
  return kindOf(body) === "webhook-events";
}
