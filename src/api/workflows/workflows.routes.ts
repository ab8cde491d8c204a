import { createRoute, z } from "@hono/zod-openapi";
import { commonErrors, conflict, dataOf, json, jsonBody, notFound } from "../../http/responses";
import {
  createWorkflowBody,
  listWorkflowsQuery,
  patchStepBody,
  patchWorkflowBody,
  previewBody,
  previewResponse,
  stepParams,
  stepResponse,
  syncWorkflowBody,
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

export const patch = createRoute({
  method: "patch",
  path: "/v2/workflows/{workflowId}",
  tags,
  summary: "Change some of a workflow's fields",
  request: { params: workflowIdParam, body: jsonBody(patchWorkflowBody) },
  responses: { 200: json(dataOf(workflowResponse), "The updated workflow"), ...commonErrors, ...notFound },
});

export const retrieveStep = createRoute({
  method: "get",
  path: "/v2/workflows/{workflowId}/steps/{stepId}",
  tags,
  summary: "Retrieve one step of a workflow",
  request: { params: stepParams },
  responses: { 200: json(dataOf(stepResponse), "The step"), ...commonErrors, ...notFound },
});

export const patchStep = createRoute({
  method: "patch",
  path: "/v2/workflows/{workflowId}/steps/{stepId}",
  tags,
  summary: "Replace a step's control values (used on the next run, code-first steps included)",
  request: { params: stepParams, body: jsonBody(patchStepBody) },
  responses: { 200: json(dataOf(stepResponse), "The updated step"), ...commonErrors, ...notFound },
});

export const preview = createRoute({
  method: "post",
  path: "/v2/workflows/{workflowId}/step/{stepId}/preview",
  tags,
  summary: "Render a step with sample data",
  request: { params: stepParams, body: { content: { "application/json": { schema: previewBody } } } },
  responses: { 201: json(dataOf(previewResponse), "The rendered step"), ...commonErrors, ...notFound },
});

export const sync = createRoute({
  method: "put",
  path: "/v2/workflows/{workflowId}/sync",
  tags,
  summary: "Copy a workflow to another environment of the organization",
  request: { params: workflowIdParam, body: jsonBody(syncWorkflowBody) },
  responses: {
    200: json(dataOf(workflowResponse), "The workflow in the target environment"),
    ...commonErrors,
    ...notFound,
  },
});
