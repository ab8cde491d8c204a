import { createRoute } from "@hono/zod-openapi";
import { agentReplyBody, agentReplyParam, agentReplyResponse } from "../../agents/agent-reply.schemas";
import { commonErrors, dataOf, json, jsonBody, notFound } from "../../http/responses";

export const reply = createRoute({
  method: "post",
  path: "/v1/agents/{agentId}/reply",
  tags: ["Agents"],
  summary: "Post the agent's turn into a conversation (what the bridge's ctx.reply sends)",
  request: { params: agentReplyParam, body: jsonBody(agentReplyBody) },
  responses: {
    200: json(dataOf(agentReplyResponse), "The message the turn posted"),
    ...commonErrors,
    ...notFound,
  },
});
