import { createRoute, z } from "@hono/zod-openapi";
import { commonErrors, dataOf, errorBody, json, jsonBody, notFound } from "../../http/responses";
import { workflowResponse } from "../../workflows/workflow.schemas";

const tags = ["Bridge"];

export const sync = createRoute({
  method: "post",
  path: "/v1/bridge/sync",
  tags,
  summary:
    "Sync the workflows a @novu/framework bridge serves into this environment (what `novu sync` calls)",
  request: {
    query: z.object({ source: z.string().max(50).optional() }),
    body: jsonBody(
      z.object({ bridgeUrl: z.url({ protocol: /^https?$/ }).max(2048) }).openapi("BridgeSyncRequestDto"),
    ),
  },
  responses: {
    201: json(dataOf(z.array(workflowResponse)), "The workflows now in this environment from the bridge"),
    ...commonErrors,
  },
});

const health = z
  .object({
    status: z.string(),
    sdkVersion: z.string().optional(),
    frameworkVersion: z.string().optional(),
    discovered: z.object({ workflows: z.number(), steps: z.number() }).optional(),
  })
  .openapi("BridgeHealthDto");

export const status = createRoute({
  method: "get",
  path: "/v1/bridge/status",
  tags,
  summary: "Ask the environment's bridge for its health (`action=health-check`)",
  responses: {
    200: json(dataOf(health), "The bridge's own health report"),
    ...commonErrors,
    ...notFound,
    502: json(errorBody, "The bridge could not be reached or answered with an error"),
  },
});
