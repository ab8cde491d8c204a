import { createRoute, z } from "@hono/zod-openapi";
import { commonErrors, dataOf, json, jsonBody, notFound } from "../../http/responses";
import {
  createWebhookEndpointBody,
  endpointIdParam,
  updateWebhookEndpointBody,
  webhookEndpointDto,
  webhookEndpointWithSecretDto,
} from "../../webhooks/webhook.schemas";

const tags = ["Webhooks"];
const path = "/v1/webhooks/endpoints";

export const list = createRoute({
  method: "get",
  path,
  tags,
  summary: "List the environment's outbound webhook endpoints",
  responses: { 200: json(dataOf(z.array(webhookEndpointDto)), "The endpoints"), ...commonErrors },
});

export const create = createRoute({
  method: "post",
  path,
  tags,
  summary: "Create an outbound webhook endpoint for message status events (its signing secret is shown once)",
  request: { body: jsonBody(createWebhookEndpointBody) },
  responses: {
    201: json(dataOf(webhookEndpointWithSecretDto), "The endpoint and its signing secret"),
    ...commonErrors,
  },
});

export const retrieve = createRoute({
  method: "get",
  path: `${path}/{endpointId}`,
  tags,
  summary: "Retrieve an outbound webhook endpoint",
  request: { params: endpointIdParam },
  responses: { 200: json(dataOf(webhookEndpointDto), "The endpoint"), ...commonErrors, ...notFound },
});

export const update = createRoute({
  method: "patch",
  path: `${path}/{endpointId}`,
  tags,
  summary: "Update an outbound webhook endpoint (only the fields given change)",
  request: { params: endpointIdParam, body: jsonBody(updateWebhookEndpointBody) },
  responses: { 200: json(dataOf(webhookEndpointDto), "The endpoint"), ...commonErrors, ...notFound },
});

export const rotateSecret = createRoute({
  method: "post",
  path: `${path}/{endpointId}/secret/rotate`,
  tags,
  summary: "Replace an outbound webhook endpoint's signing secret",
  request: { params: endpointIdParam },
  responses: {
    200: json(dataOf(webhookEndpointWithSecretDto), "The endpoint and its new signing secret"),
    ...commonErrors,
    ...notFound,
  },
});

export const remove = createRoute({
  method: "delete",
  path: `${path}/{endpointId}`,
  tags,
  summary: "Delete an outbound webhook endpoint",
  request: { params: endpointIdParam },
  responses: { 204: { description: "Deleted" }, ...commonErrors, ...notFound },
});
