import { createRoute } from "@hono/zod-openapi";
import { commonErrors, conflict, dataOf, json, jsonBody, notFound } from "../../http/responses";
import {
  createLayoutBody,
  duplicateLayoutBody,
  layoutIdParam,
  layoutPreviewResponse,
  layoutResponse,
  layoutUsageResponse,
  listLayoutsQuery,
  listLayoutsResponse,
  previewLayoutBody,
  updateLayoutBody,
} from "../../layouts/layout.schemas";

const tags = ["Layouts"];
const layout = (description: string) => json(dataOf(layoutResponse), description);

export const create = createRoute({
  method: "post",
  path: "/v2/layouts",
  tags,
  summary: "Create a layout",
  description: "The first layout of an environment becomes its default layout.",
  request: { body: jsonBody(createLayoutBody) },
  responses: { 201: layout("The layout"), ...commonErrors, ...conflict },
});

export const list = createRoute({
  method: "get",
  path: "/v2/layouts",
  tags,
  summary: "List layouts",
  request: { query: listLayoutsQuery },
  responses: { 200: json(dataOf(listLayoutsResponse), "A page of layouts"), ...commonErrors },
});

export const retrieve = createRoute({
  method: "get",
  path: "/v2/layouts/{layoutId}",
  tags,
  summary: "Retrieve a layout",
  request: { params: layoutIdParam },
  responses: { 200: layout("The layout"), ...commonErrors, ...notFound },
});

export const update = createRoute({
  method: "put",
  path: "/v2/layouts/{layoutId}",
  tags,
  summary: "Update a layout",
  description:
    "`controlValues` omitted keeps the stored email body, `null` clears it. An HTML body must be a whole document and a " +
    "block body Maily JSON; either must place the `{{content}}` variable (400 otherwise).",
  request: { params: layoutIdParam, body: jsonBody(updateLayoutBody) },
  responses: { 200: layout("The updated layout"), ...commonErrors, ...notFound },
});

export const remove = createRoute({
  method: "delete",
  path: "/v2/layouts/{layoutId}",
  tags,
  summary: "Delete a layout",
  description:
    "The default layout cannot be deleted (409). Email steps that used the layout lose their `layoutId` and fall back " +
    "to the default layout; the layout's translations are deleted with it.",
  request: { params: layoutIdParam },
  responses: { 204: { description: "Deleted" }, ...commonErrors, ...notFound, ...conflict },
});

export const duplicate = createRoute({
  method: "post",
  path: "/v2/layouts/{layoutId}/duplicate",
  tags,
  summary: "Duplicate a layout",
  description:
    "Without `layoutId` the copy's identifier is derived from its name (made unique with `-2`, `-3` …).",
  request: { params: layoutIdParam, body: jsonBody(duplicateLayoutBody) },
  responses: { 201: layout("The copy"), ...commonErrors, ...notFound, ...conflict },
});

export const preview = createRoute({
  method: "post",
  path: "/v2/layouts/{layoutId}/preview",
  tags,
  summary: "Generate a layout preview",
  request: { params: layoutIdParam, body: { content: jsonBody(previewLayoutBody).content } },
  responses: {
    201: json(dataOf(layoutPreviewResponse), "The rendered layout"),
    ...commonErrors,
    ...notFound,
  },
});

export const usage = createRoute({
  method: "get",
  path: "/v2/layouts/{layoutId}/usage",
  tags,
  summary: "Get layout usage",
  description: "The workflows whose email steps name the layout in `controlValues.layoutId`.",
  request: { params: layoutIdParam },
  responses: {
    200: json(dataOf(layoutUsageResponse), "Workflows using the layout"),
    ...commonErrors,
    ...notFound,
  },
});
