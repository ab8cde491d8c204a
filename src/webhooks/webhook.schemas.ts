import { z } from "@hono/zod-openapi";
import { webhookEventTypes } from "./webhook.types";

/** An environment posts each event to at most this many endpoints, which bounds the fan-out per message. */
export const maxEndpointsPerEnvironment = 10;

const fields = {
  url: z
    .url({ protocol: /^https?$/ })
    .max(2048)
    .openapi({ example: "https://example.com/novu/webhooks" }),
  description: z.string().trim().max(500).optional(),
  eventTypes: z
    .array(z.enum(webhookEventTypes))
    .max(webhookEventTypes.length)
    .optional()
    .openapi({ description: "Event types to receive; omitted or empty: all of them" }),
  active: z.boolean().optional(),
};

export const createWebhookEndpointBody = z.object(fields).openapi("CreateOutboundWebhookEndpointDto");
export type CreateWebhookEndpointInput = z.infer<typeof createWebhookEndpointBody>;

export const updateWebhookEndpointBody = z
  .object({ ...fields, url: fields.url.optional() })
  .openapi("UpdateOutboundWebhookEndpointDto");
export type UpdateWebhookEndpointInput = z.infer<typeof updateWebhookEndpointBody>;

export const endpointIdParam = z.object({
  endpointId: z.string().openapi({ param: { name: "endpointId", in: "path" } }),
});

export const webhookEndpointDto = z
  .object({
    _id: z.string(),
    _environmentId: z.string(),
    url: z.string(),
    description: z.string().nullable(),
    eventTypes: z.array(z.enum(webhookEventTypes)),
    active: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("OutboundWebhookEndpointDto");
export type WebhookEndpointDto = z.infer<typeof webhookEndpointDto>;

/** The signing secret is returned only when it is created or rotated. */
export const webhookEndpointWithSecretDto = webhookEndpointDto
  .extend({
    secret: z.string().openapi({
      description:
        'Signs each event: `novu-signature: t=<ms>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`',
    }),
  })
  .openapi("OutboundWebhookEndpointWithSecretDto");
