import { createRoute } from "@hono/zod-openapi";
import {
  contextParam,
  contextResponse,
  createContextBody,
  listContextsQuery,
  updateContextBody,
} from "../../contexts/context.schemas";
import { cursorList } from "../../http/pagination";
import { commonErrors, conflict, json, jsonBody, notFound } from "../../http/responses";

const tags = ["Contexts"];
/**
 * Unwrapped on purpose: Novu's response interceptor sends a result that has a truthy `data` and no `_id` as it is,
 * and a context's `data` is always an object. @novu/api parses either form (it unwraps only `{ data }` alone).
 */
const context = json(contextResponse, "The context");

export const list = createRoute({
  method: "get",
  path: "/v2/contexts",
  tags,
  summary: "List contexts",
  request: { query: listContextsQuery },
  responses: {
    200: json(cursorList(contextResponse, "ListContextsResponseDto"), "A page of contexts"),
    ...commonErrors,
  },
});

export const create = createRoute({
  method: "post",
  path: "/v2/contexts",
  tags,
  summary: "Create a context (409 if the type and id exist)",
  request: { body: jsonBody(createContextBody) },
  responses: { 201: context, ...commonErrors, ...conflict },
});

export const retrieve = createRoute({
  method: "get",
  path: "/v2/contexts/{type}/{id}",
  tags,
  summary: "Retrieve a context",
  request: { params: contextParam },
  responses: { 200: context, ...commonErrors, ...notFound },
});

export const update = createRoute({
  method: "patch",
  path: "/v2/contexts/{type}/{id}",
  tags,
  summary: "Replace a context's data",
  request: { params: contextParam, body: jsonBody(updateContextBody) },
  responses: { 200: context, ...commonErrors, ...notFound },
});

export const remove = createRoute({
  method: "delete",
  path: "/v2/contexts/{type}/{id}",
  tags,
  summary: "Delete a context",
  request: { params: contextParam },
  responses: { 204: { description: "Deleted" }, ...commonErrors, ...notFound },
});
