import { createRoute } from "@hono/zod-openapi";
import { triggerBody, triggerResponse } from "../../events/trigger.schemas";
import { commonErrors, dataOf, json, jsonBody } from "../../http/responses";

export const trigger = createRoute({
  method: "post",
  path: "/v1/events/trigger",
  tags: ["Events"],
  summary: "Trigger a workflow for one or more subscribers",
  request: { body: jsonBody(triggerBody) },
  responses: { 201: json(dataOf(triggerResponse), "The trigger was accepted"), ...commonErrors },
});
