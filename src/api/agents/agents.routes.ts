import { createRoute } from "@hono/zod-openapi";
import {
  agentParam,
  agentResponse,
  createAgentBody,
  deleteAgentQuery,
  listAgentsQuery,
  updateAgentBody,
  updateAgentBridgeBody,
} from "../../agents/agent.schemas";
import { cursorList } from "../../http/pagination";
import { commonErrors, conflict, dataOf, errorBody, json, jsonBody, notFound } from "../../http/responses";

const tags = ["Agents"];
const agent = json(dataOf(agentResponse), "The agent");
const forbidden = { 403: json(errorBody, "Not allowed in a production environment") };

export const list = createRoute({
  method: "get",
  path: "/v1/agents",
  tags,
  summary: "List agents (cursor pages; `identifier` matches part of it, in any case)",
  request: { query: listAgentsQuery },
  responses: {
    200: json(cursorList(agentResponse, "ListAgentsResponseDto"), "A page of agents"),
    ...commonErrors,
  },
});

export const create = createRoute({
  method: "post",
  path: "/v1/agents",
  tags,
  summary: "Create a self-hosted agent (409 if the identifier exists in the environment)",
  request: { body: jsonBody(createAgentBody) },
  responses: { 201: agent, ...commonErrors, ...conflict },
});

export const retrieve = createRoute({
  method: "get",
  path: "/v1/agents/{identifier}",
  tags,
  summary: "Retrieve an agent by its identifier",
  request: { params: agentParam },
  responses: { 200: agent, ...commonErrors, ...notFound },
});

export const update = createRoute({
  method: "patch",
  path: "/v1/agents/{identifier}",
  tags,
  summary: "Update an agent: only the fields sent change",
  request: { params: agentParam, body: jsonBody(updateAgentBody) },
  responses: { 200: agent, ...commonErrors, ...forbidden, ...notFound },
});

export const updateBridge = createRoute({
  method: "put",
  path: "/v1/agents/{identifier}/bridge",
  tags,
  summary: "Set the agent's bridge URLs (dev bridges are refused in production)",
  request: { params: agentParam, body: jsonBody(updateAgentBridgeBody) },
  responses: { 200: agent, ...commonErrors, ...forbidden, ...notFound },
});

export const remove = createRoute({
  method: "delete",
  path: "/v1/agents/{identifier}",
  tags,
  summary: "Delete an agent with its integration links and conversations",
  request: { params: agentParam, query: deleteAgentQuery },
  responses: { 204: { description: "Deleted" }, ...commonErrors, ...notFound },
});
