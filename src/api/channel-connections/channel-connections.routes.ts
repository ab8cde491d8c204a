import { createRoute } from "@hono/zod-openapi";
import { channelListQuery, identifierParam } from "../../channels/channel.shared";
import {
  connectionList,
  connectionResponse,
  createConnectionBody,
  updateConnectionBody,
} from "../../channels/connection.schemas";
import { commonErrors, conflict, dataOf, json, jsonBody, notFound } from "../../http/responses";

const tags = ["Channel Connections"];
const connection = json(dataOf(connectionResponse), "The channel connection (its tokens masked)");

export const list = createRoute({
  method: "get",
  path: "/v1/channel-connections",
  tags,
  summary: "List channel connections",
  request: { query: channelListQuery },
  responses: { 200: json(connectionList, "A page of channel connections"), ...commonErrors },
});

export const create = createRoute({
  method: "post",
  path: "/v1/channel-connections",
  tags,
  summary: "Create a channel connection (one per integration and resource)",
  request: { body: jsonBody(createConnectionBody) },
  responses: { 201: connection, ...commonErrors, ...notFound, ...conflict },
});

export const retrieve = createRoute({
  method: "get",
  path: "/v1/channel-connections/{identifier}",
  tags,
  summary: "Retrieve a channel connection",
  request: { params: identifierParam },
  responses: { 200: connection, ...commonErrors, ...notFound },
});

export const update = createRoute({
  method: "patch",
  path: "/v1/channel-connections/{identifier}",
  tags,
  summary: "Update a channel connection's workspace and auth",
  request: { params: identifierParam, body: jsonBody(updateConnectionBody) },
  responses: { 200: connection, ...commonErrors, ...notFound },
});

export const remove = createRoute({
  method: "delete",
  path: "/v1/channel-connections/{identifier}",
  tags,
  summary: "Delete a channel connection",
  request: { params: identifierParam },
  responses: { 204: { description: "Deleted" }, ...commonErrors, ...notFound },
});
