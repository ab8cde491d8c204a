import { createRoute, z } from "@hono/zod-openapi";
import { commonErrors, conflict, dataOf, json, jsonBody, notFound } from "../../http/responses";
import {
  createIntegrationBody,
  integrationIdParam,
  integrationResponse,
  updateIntegrationBody,
} from "../../integrations/integration.schemas";

const tags = ["Integrations"];
const many = json(dataOf(z.array(integrationResponse)), "Integrations of this environment");
const one = json(dataOf(integrationResponse), "The integration");

export const list = createRoute({
  method: "get",
  path: "/v1/integrations",
  tags,
  summary: "List all integrations",
  responses: { 200: many, ...commonErrors },
});

export const listActive = createRoute({
  method: "get",
  path: "/v1/integrations/active",
  tags,
  summary: "List active integrations",
  responses: { 200: many, ...commonErrors },
});

export const create = createRoute({
  method: "post",
  path: "/v1/integrations",
  tags,
  summary: "Create an integration",
  request: { body: jsonBody(createIntegrationBody) },
  responses: { 201: one, ...commonErrors, ...conflict },
});

export const update = createRoute({
  method: "put",
  path: "/v1/integrations/{integrationId}",
  tags,
  summary: "Update an integration",
  request: { params: integrationIdParam, body: jsonBody(updateIntegrationBody) },
  responses: { 200: one, ...commonErrors, ...notFound },
});

export const remove = createRoute({
  method: "delete",
  path: "/v1/integrations/{integrationId}",
  tags,
  summary: "Delete an integration; answers with the integrations that remain",
  request: { params: integrationIdParam },
  responses: { 200: many, ...commonErrors, ...notFound },
});

export const setPrimary = createRoute({
  method: "post",
  path: "/v1/integrations/{integrationId}/set-primary",
  tags,
  summary: "Make an email or SMS integration its channel's primary",
  request: { params: integrationIdParam },
  responses: { 200: one, ...commonErrors, ...notFound },
});
