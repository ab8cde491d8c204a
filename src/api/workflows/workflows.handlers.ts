import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../app-env";
import { database } from "../../db/client";
import { previewStep } from "../../workflows/step-preview";
import { toStepDto, toWorkflowDto, toWorkflowListItem } from "../../workflows/workflow.mapper";
import {
  createWorkflow,
  deleteWorkflow,
  getStep,
  getWorkflow,
  listWorkflows,
  patchStepControls,
  patchWorkflow,
  updateWorkflow,
} from "../../workflows/workflow.service";
import { syncWorkflow } from "../../workflows/workflow-promotion";
import type * as routes from "./workflows.routes";

export const create: RouteHandler<typeof routes.create, AppEnv> = async (c) => {
  const row = await createWorkflow(database(c.env), c.get("tenant"), c.req.valid("json"));
  return c.json({ data: toWorkflowDto(row) }, 201);
};

export const list: RouteHandler<typeof routes.list, AppEnv> = async (c) => {
  const { rows, totalCount } = await listWorkflows(database(c.env), c.get("tenant"), c.req.valid("query"));
  return c.json({ data: { workflows: rows.map(toWorkflowListItem), totalCount } }, 200);
};

export const retrieve: RouteHandler<typeof routes.retrieve, AppEnv> = async (c) => {
  const row = await getWorkflow(database(c.env), c.get("tenant"), c.req.valid("param").workflowId);
  return c.json({ data: toWorkflowDto(row) }, 200);
};

export const update: RouteHandler<typeof routes.update, AppEnv> = async (c) => {
  const { workflowId } = c.req.valid("param");
  const row = await updateWorkflow(database(c.env), c.get("tenant"), workflowId, c.req.valid("json"));
  return c.json({ data: toWorkflowDto(row) }, 200);
};

export const remove: RouteHandler<typeof routes.remove, AppEnv> = async (c) => {
  await deleteWorkflow(database(c.env), c.get("tenant"), c.req.valid("param").workflowId);
  return c.body(null, 204);
};

export const patch: RouteHandler<typeof routes.patch, AppEnv> = async (c) => {
  const { workflowId } = c.req.valid("param");
  const row = await patchWorkflow(database(c.env), c.get("tenant"), workflowId, c.req.valid("json"));
  return c.json({ data: toWorkflowDto(row) }, 200);
};

export const retrieveStep: RouteHandler<typeof routes.retrieveStep, AppEnv> = async (c) => {
  const { workflowId, stepId } = c.req.valid("param");
  const row = await getWorkflow(database(c.env), c.get("tenant"), workflowId);
  return c.json({ data: toStepDto(row, getStep(row, stepId)) }, 200);
};

export const patchStep: RouteHandler<typeof routes.patchStep, AppEnv> = async (c) => {
  const { workflowId, stepId } = c.req.valid("param");
  const { controlValues } = c.req.valid("json");
  const { row, step } = await patchStepControls(
    database(c.env),
    c.get("tenant"),
    workflowId,
    stepId,
    controlValues,
  );
  return c.json({ data: toStepDto(row, step) }, 200);
};

export const preview: RouteHandler<typeof routes.preview, AppEnv> = async (c) => {
  const { workflowId, stepId } = c.req.valid("param");
  const db = database(c.env);
  const row = await getWorkflow(db, c.get("tenant"), workflowId);
  const result = await previewStep(c.env, db, row, getStep(row, stepId), c.req.valid("json") ?? {});
  return c.json({ data: result }, 201);
};

export const sync: RouteHandler<typeof routes.sync, AppEnv> = async (c) => {
  const { workflowId } = c.req.valid("param");
  const { targetEnvironmentId } = c.req.valid("json");
  const row = await syncWorkflow(database(c.env), c.get("tenant"), workflowId, targetEnvironmentId);
  return c.json({ data: toWorkflowDto(row) }, 200);
};
