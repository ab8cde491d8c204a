import { createRoute, z } from "@hono/zod-openapi";
import { broadcastBody, triggerBody, triggerResponse } from "../../events/trigger.schemas";
import { commonErrors, dataOf, json, jsonBody } from "../../http/responses";

const tags = ["Events"];
const accepted = json(dataOf(triggerResponse), "The trigger was accepted");

export const trigger = createRoute({
  method: "post",
  path: "/v1/events/trigger",
  tags,
  summary: "Trigger a workflow for subscribers and topics",
  request: { body: jsonBody(triggerBody) },
  responses: { 201: accepted, ...commonErrors },
});

export const bulk = createRoute({
  method: "post",
  path: "/v1/events/trigger/bulk",
  tags,
  summary: "Trigger up to 100 events in one call",
  request: {
    body: jsonBody(z.object({ events: z.array(triggerBody).min(1).max(100) }).openapi("BulkTriggerEventDto")),
  },
  responses: {
    201: json(dataOf(z.array(triggerResponse)), "One result per event, in order"),
    ...commonErrors,
  },
});

export const broadcast = createRoute({
  method: "post",
  path: "/v1/events/trigger/broadcast",
  tags,
  summary: "Trigger a workflow for every subscriber of the environment",
  request: { body: jsonBody(broadcastBody) },
  responses: { 201: accepted, ...commonErrors },
});

export const cancel = createRoute({
  method: "delete",
  path: "/v1/events/trigger/{transactionId}",
  tags,
  summary: "Cancel the pending delays and digests of a trigger",
  request: {
    params: z.object({
      transactionId: z
        .string()
        .min(1)
        .openapi({ param: { name: "transactionId", in: "path" } }),
    }),
  },
  responses: { 200: json(dataOf(z.boolean()), "Whether anything pending was cancelled"), ...commonErrors },
});
