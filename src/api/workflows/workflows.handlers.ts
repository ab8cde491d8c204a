import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../app-env";
import { database } from "../../db/client";
import { toWorkflowDto, toWorkflowListItem } from "../../workflows/workflow.mapper";
import {
  createWorkflow,
  deleteWorkflow,
  getWorkflow,
  listWorkflows,
  updateWorkflow,
} from "../../workflows/workflow.service";
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
