import { createRoute, z } from "@hono/zod-openapi";
import { commonErrors, json, notFound } from "../../http/responses";

const params = z.object({
  environmentId: z
    .string()
    .min(1)
    .max(255)
    .openapi({ param: { name: "environmentId", in: "path" } }),
  integrationId: z
    .string()
    .min(1)
    .max(255)
    .openapi({ param: { name: "integrationId", in: "path" } }),
});

const eventBody = z
  .object({
    status: z.string(),
    date: z.string(),
    externalId: z.string().optional(),
    attempts: z.number().optional(),
    row: z.string().optional(),
  })
  .openapi("EventBody");

const providerPayload = z.union([
  z.array(z.record(z.string(), z.unknown())),
  z.record(z.string(), z.unknown()),
]);

export const track = createRoute({
  method: "post",
  path: "/v2/inbound-webhooks/delivery-providers/{environmentId}/{integrationId}",
  tags: ["Activity"],
  summary: "Track delivery and engagement events a provider posts (delivered, opened, clicked, bounced…)",
  description:
    "Point the provider's event webhook (SendGrid, Postmark, Resend, Mailgun, Twilio) here. No API key: the " +
    "environment and integration ids in the path select where the events are recorded.",
  security: [],
  request: {
    params,
    body: {
      required: true,
      content: {
        "application/json": { schema: providerPayload },
        "application/x-www-form-urlencoded": { schema: z.record(z.string(), z.string()) },
      },
    },
  },
  responses: {
    200: json(
      z.array(z.object({ id: z.string(), event: eventBody }).openapi("WebhookResultDto")),
      "One result per event",
    ),
    ...commonErrors,
    ...notFound,
  },
});
