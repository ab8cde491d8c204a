import { createRoute } from "@hono/zod-openapi";
import {
  addAgentIntegrationBody,
  agentIntegrationParam,
  agentIntegrationResponse,
  agentParam,
  listAgentIntegrationsQuery,
  updateAgentIntegrationBody,
} from "../../agents/agent.schemas";
import { cursorList } from "../../http/pagination";
import { commonErrors, conflict, dataOf, json, jsonBody, notFound } from "../../http/responses";

const tags = ["Agents"];
const link = json(dataOf(agentIntegrationResponse), "The agent–integration link");

export const list = createRoute({
  method: "get",
  path: "/v1/agents/{identifier}/integrations",
  tags,
  summary: "List the integrations linked to an agent",
  request: { params: agentParam, query: listAgentIntegrationsQuery },
  responses: {
    200: json(cursorList(agentIntegrationResponse, "ListAgentIntegrationsResponseDto"), "A page of links"),
    ...commonErrors,
    ...notFound,
  },
});

export const create = createRoute({
  method: "post",
  path: "/v1/agents/{identifier}/integrations",
  tags,
  summary: "Link an integration of the environment (by its identifier) to an agent",
  request: { params: agentParam, body: jsonBody(addAgentIntegrationBody) },
  responses: { 201: link, ...commonErrors, ...notFound, ...conflict },
});

export const update = createRoute({
  method: "patch",
  path: "/v1/agents/{identifier}/integrations/{agentIntegrationId}",
  tags,
  summary: "Point a link at another integration",
  request: { params: agentIntegrationParam, body: jsonBody(updateAgentIntegrationBody) },
  responses: { 200: link, ...commonErrors, ...notFound, ...conflict },
});

export const remove = createRoute({
  method: "delete",
  path: "/v1/agents/{identifier}/integrations/{agentIntegrationId}",
  tags,
  summary: "Remove a link",
  request: { params: agentIntegrationParam },
  responses: { 204: { description: "Removed" }, ...commonErrors, ...notFound },
});
