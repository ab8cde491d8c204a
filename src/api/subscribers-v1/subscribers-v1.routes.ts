import { createRoute, z } from "@hono/zod-openapi";
import { commonErrors, dataOf, json, jsonBody, notFound } from "../../http/responses";
import { channelSettings, subscriberIdParam, subscriberResponse } from "../../subscribers/subscriber.schemas";

const tags = ["Subscribers"];
const subscriber = json(dataOf(subscriberResponse), "The subscriber");

export const replaceCredentials = createRoute({
  method: "put",
  path: "/v1/subscribers/{subscriberId}/credentials",
  tags,
  summary: "Set a subscriber's credentials for a push or chat provider (device tokens replaced)",
  request: { params: subscriberIdParam, body: jsonBody(channelSettings) },
  responses: { 200: subscriber, ...commonErrors, ...notFound },
});

export const appendCredentials = createRoute({
  method: "patch",
  path: "/v1/subscribers/{subscriberId}/credentials",
  tags,
  summary: "Update a subscriber's credentials for a provider (device tokens appended)",
  request: { params: subscriberIdParam, body: jsonBody(channelSettings) },
  responses: { 200: subscriber, ...commonErrors, ...notFound },
});

export const deleteCredentials = createRoute({
  method: "delete",
  path: "/v1/subscribers/{subscriberId}/credentials/{providerId}",
  tags,
  summary: "Remove a subscriber's credentials for a provider",
  request: {
    params: subscriberIdParam.extend({
      providerId: z
        .string()
        .min(1)
        .openapi({ param: { name: "providerId", in: "path" } }),
    }),
  },
  responses: { 204: { description: "Removed" }, ...commonErrors, ...notFound },
});

export const onlineStatus = createRoute({
  method: "patch",
  path: "/v1/subscribers/{subscriberId}/online-status",
  tags,
  summary: "Set whether a subscriber is online",
  request: { params: subscriberIdParam, body: jsonBody(z.object({ isOnline: z.boolean() })) },
  responses: { 200: subscriber, ...commonErrors, ...notFound },
});

export const bulkCreate = createRoute({
  method: "post",
  path: "/v1/subscribers/bulk",
  tags,
  summary: "Create or update up to 500 subscribers",
  request: {
    body: jsonBody(
      z.object({ subscribers: z.array(z.unknown()).min(1).max(500) }).openapi("BulkSubscriberCreateDto"),
    ),
  },
  responses: {
    201: json(
      dataOf(
        z.object({
          created: z.array(z.object({ subscriberId: z.string() })),
          updated: z.array(z.object({ subscriberId: z.string() })),
          failed: z.array(z.object({ subscriberId: z.string().optional(), message: z.string() })),
        }),
      ),
      "What happened to each subscriber",
    ),
    ...commonErrors,
  },
});
