import { createRoute, z } from "@hono/zod-openapi";
import {
  createVariableBody,
  listVariablesQuery,
  updateVariableBody,
  variableKeyParam,
  variableResponse,
  variableUsageResponse,
} from "../../environment-variables/environment-variable.schemas";
import { commonErrors, conflict, dataOf, json, jsonBody, notFound } from "../../http/responses";

const tags = ["Environment variables"];
const path = "/v1/environment-variables";

export const create = createRoute({
  method: "post",
  path,
  tags,
  summary: "Create an environment variable (a value per environment, `{{env.KEY}}` in templates)",
  request: { body: jsonBody(createVariableBody) },
  responses: { 200: json(dataOf(variableResponse), "The variable"), ...commonErrors, ...conflict },
});

export const list = createRoute({
  method: "get",
  path,
  tags,
  summary: "List the organization's environment variables (secrets masked)",
  request: { query: listVariablesQuery },
  responses: { 200: json(dataOf(z.array(variableResponse)), "Variables"), ...commonErrors },
});

export const retrieve = createRoute({
  method: "get",
  path: `${path}/{variableKey}`,
  tags,
  summary: "Retrieve an environment variable",
  request: { params: variableKeyParam },
  responses: { 200: json(dataOf(variableResponse), "The variable"), ...commonErrors, ...notFound },
});

export const update = createRoute({
  method: "patch",
  path: `${path}/{variableKey}`,
  tags,
  summary: "Update an environment variable's key, secrecy or values",
  request: { params: variableKeyParam, body: jsonBody(updateVariableBody) },
  responses: {
    200: json(dataOf(variableResponse), "The variable"),
    ...commonErrors,
    ...notFound,
    ...conflict,
  },
});

export const remove = createRoute({
  method: "delete",
  path: `${path}/{variableKey}`,
  tags,
  summary: "Delete an environment variable",
  request: { params: variableKeyParam },
  responses: { 204: { description: "Deleted" }, ...commonErrors, ...notFound },
});

export const usage = createRoute({
  method: "get",
  path: `${path}/{variableKey}/usage`,
  tags,
  summary: "The workflows of this environment that use the variable",
  request: { params: variableKeyParam },
  responses: { 200: json(dataOf(variableUsageResponse), "Where it is used"), ...commonErrors, ...notFound },
});
