import type { WebhookEndpointRow } from "../db/schema";
import { toIso } from "../lib/time";
import type { WebhookEndpointDto } from "./webhook.schemas";
import type { WebhookEventType } from "./webhook.types";

export function toWebhookEndpointDto(row: WebhookEndpointRow): WebhookEndpointDto {
  return {
    _id: row.id,
    _environmentId: row.environmentId,
    url: row.url,
    description: row.description,
    eventTypes: row.eventTypes as WebhookEventType[],
    active: row.active,
    createdAt: toIso(row.createdAt),
    updatedAt: toIso(row.updatedAt),
  };
}
