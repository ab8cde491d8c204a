import { createRoute } from "@hono/zod-openapi";
import { identifierParam } from "../../channels/channel.shared";
import {
  createEndpointBody,
  endpointList,
  endpointResponse,
  listEndpointsQuery,
  updateEndpointBody,
} from "../../channels/endpoint.schemas";
import { commonErrors, conflict, dataOf, json, jsonBody, notFound } from "../../http/responses";

const tags = ["Channel Endpoints"];
const endpoint = json(dataOf(endpointResponse), "The channel endpoint");

export const list = createRoute({
  method: "get",
  path: "/v1/channel-endpoints",
  tags,
  summary: "List channel endpoints",
  request: { query: listEndpointsQuery },
  responses: { 200: json(endpointList, "A page of channel endpoints"), ...commonErrors },
});

export const create = createRoute({
  method: "post",
  path: "/v1/channel-endpoints",
  tags,
  summary: "Create a channel endpoint (its payload's shape depends on `type`)",
  request: { body: jsonBody(createEndpointBody) },
  responses: { 201: endpoint, ...commonErrors, ...notFound, ...conflict },
});

export const retrieve = createRoute({
  method: "get",
  path: "/v1/channel-endpoints/{identifier}",
  tags,
  summary: "Retrieve a channel endpoint",
  request: { params: identifierParam },
  responses: { 200: endpoint, ...commonErrors, ...notFound },
});

export const update = createRoute({
  method: "patch",
  path: "/v1/channel-endpoints/{identifier}",
  tags,
  summary: "Update a channel endpoint's payload (same type)",
  request: { params: identifierParam, body: jsonBody(updateEndpointBody) },
  responses: { 200: endpoint, ...commonErrors, ...notFound },
});

export const remove = createRoute({
  method: "delete",
  path: "/v1/channel-endpoints/{identifier}",
  tags,
  summary: "Delete a channel endpoint",
  request: { params: identifierParam },
  responses: { 204: { description: "Deleted" }, ...commonErrors, ...notFound },
});
