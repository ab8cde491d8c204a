import { createRoute, z } from "@hono/zod-openapi";
import {
  apiKeysResponse,
  createEnvironmentBody,
  environmentIdParam,
  environmentResponse,
  updateEnvironmentBody,
} from "../../environments/environment.schemas";
import {
  diffBody,
  diffResponse,
  publishBody,
  publishResponse,
  targetEnvironmentParam,
} from "../../environments/environment-publish.schemas";
import { commonErrors, dataOf, json, jsonBody, notFound } from "../../http/responses";

const tags = ["Environments"];

export const current = createRoute({
  method: "get",
  path: "/v1/environments/me",
  tags,
  summary: "The environment the API key belongs to",
  responses: {
    200: json(
      dataOf(
        z.object({
          _id: z.string(),
          name: z.string(),
          _organizationId: z.string(),
          identifier: z.string(),
          type: z.enum(["dev", "prod"]),
        }),
      ),
      "The current environment",
    ),
    ...commonErrors,
  },
});

export const list = createRoute({
  method: "get",
  path: "/v1/environments",
  tags,
  summary: "List the organization's environments (keys masked)",
  responses: { 200: json(dataOf(z.array(environmentResponse)), "Environments"), ...commonErrors },
});

export const create = createRoute({
  method: "post",
  path: "/v1/environments",
  tags,
  summary: "Create an environment; its secret key is returned once, in full",
  request: { body: jsonBody(createEnvironmentBody) },
  responses: { 201: json(dataOf(environmentResponse), "The environment"), ...commonErrors, ...notFound },
});

export const update = createRoute({
  method: "put",
  path: "/v1/environments/{environmentId}",
  tags,
  summary: "Update an environment",
  request: { params: environmentIdParam, body: jsonBody(updateEnvironmentBody) },
  responses: { 200: json(dataOf(environmentResponse), "The environment"), ...commonErrors, ...notFound },
});

export const remove = createRoute({
  method: "delete",
  path: "/v1/environments/{environmentId}",
  tags,
  summary: "Delete an environment and all its data",
  request: { params: environmentIdParam },
  responses: { 200: { description: "Deleted" }, ...commonErrors, ...notFound },
});

export const regenerate = createRoute({
  method: "post",
  path: "/v1/environments/api-keys/regenerate",
  tags,
  summary: "Replace the calling environment's secret key",
  responses: { 201: json(dataOf(apiKeysResponse), "The new key, in full"), ...commonErrors },
});

export const tagsOf = createRoute({
  method: "get",
  path: "/v2/environments/{environmentId}/tags",
  tags,
  summary: "The distinct workflow tags of an environment",
  request: { params: environmentIdParam },
  responses: {
    200: json(dataOf(z.array(z.object({ name: z.string() }))), "Tags"),
    ...commonErrors,
    ...notFound,
  },
});

export const diff = createRoute({
  method: "post",
  path: "/v2/environments/{targetEnvironmentId}/diff",
  tags,
  summary: "Compare the workflows of a source environment (Development by default) with a target",
  request: {
    params: targetEnvironmentParam,
    body: { content: { "application/json": { schema: diffBody } } },
  },
  responses: {
    200: json(dataOf(diffResponse), "What publishing would change"),
    ...commonErrors,
    ...notFound,
  },
});

export const publish = createRoute({
  method: "post",
  path: "/v2/environments/{targetEnvironmentId}/publish",
  tags,
  summary: "Publish a source environment's workflows (all, or the listed resources) to a target",
  request: {
    params: targetEnvironmentParam,
    body: { content: { "application/json": { schema: publishBody } } },
  },
  responses: { 200: json(dataOf(publishResponse), "What was published"), ...commonErrors, ...notFound },
});
