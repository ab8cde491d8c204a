import { createRoute, z } from "@hono/zod-openapi";
import { commonErrors, conflict, dataOf, json, jsonBody, notFound } from "../../http/responses";
import {
  createWorkflowBody,
  listWorkflowsQuery,
  updateWorkflowBody,
  workflowIdParam,
  workflowListItem,
  workflowResponse,
} from "../../workflows/workflow.schemas";

const tags = ["Workflows"];

export const create = createRoute({
  method: "post",
  path: "/v2/workflows",
  tags,
  summary: "Create a workflow",
  request: { body: jsonBody(createWorkflowBody) },
  responses: { 201: json(dataOf(workflowResponse), "The workflow"), ...commonErrors, ...conflict },
});

export const list = createRoute({
  method: "get",
  path: "/v2/workflows",
  tags,
  summary: "List workflows",
  request: { query: listWorkflowsQuery },
  responses: {
    200: json(
      dataOf(
        z
          .object({ workflows: z.array(workflowListItem), totalCount: z.number() })
          .openapi("ListWorkflowResponse"),
      ),
      "A page of workflows",
    ),
    ...commonErrors,
  },
});

export const retrieve = createRoute({
  method: "get",
  path: "/v2/workflows/{workflowId}",
  tags,
  summary: "Retrieve a workflow",
  request: { params: workflowIdParam },
  responses: { 200: json(dataOf(workflowResponse), "The workflow"), ...commonErrors, ...notFound },
});

export const update = createRoute({
  method: "put",
  path: "/v2/workflows/{workflowId}",
  tags,
  summary: "Replace a workflow's definition",
  request: { params: workflowIdParam, body: jsonBody(updateWorkflowBody) },
  responses: { 200: json(dataOf(workflowResponse), "The updated workflow"), ...commonErrors, ...notFound },
});

export const remove = createRoute({
  method: "delete",
  path: "/v2/workflows/{workflowId}",
  tags,
  summary: "Delete a workflow",
  request: { params: workflowIdParam },
  responses: { 204: { description: "Deleted" }, ...commonErrors, ...notFound },
});
