import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import type { WorkflowRow } from "../../db/schema";
import { toWorkflowDto, toWorkflowListItem } from "../../workflows/workflow.mapper";
import {
  createWorkflowBody,
  listWorkflowsQuery,
  type UpdateWorkflowInput,
} from "../../workflows/workflow.schemas";
import {
  createWorkflow,
  deleteWorkflow,
  getWorkflow,
  listWorkflows,
  updateWorkflow,
} from "../../workflows/workflow.service";
import { destroys, guard, listed, ok, readOnly, type ToolContext, writes } from "../tool-kit";

const workflowRef = z.object({
  workflowId: z.string().min(1).max(255).describe("The workflow's identifier (workflowId) or its _id"),
});

const stepsGuide =
  "Steps run in order. Step types: in_app, email, sms, push, chat (channels), delay, digest, throttle. " +
  "controlValues by type: in_app {subject, body, avatar?, primaryAction?, data?}; email {subject, body}; " +
  "sms {body}; push {subject, body}; chat {body}; delay {type: 'regular', amount, unit}; " +
  "digest {amount, unit, digestKey?}; throttle {amount, unit, threshold}. Units: seconds, minutes, hours, days, " +
  "weeks, months. Any step may carry `skip` (JSONLogic). Text controls are Liquid templates over " +
  "{{payload.*}} and {{subscriber.*}} (firstName, lastName, email …).";

const createInput = createWorkflowBody.omit({ __source: true });

/** Every field but the identifier is optional: what is left out keeps its current value. */
const updateInput = createInput.omit({ workflowId: true }).partial().extend(workflowRef.shape);

/** The stored workflow as a full update body, so a partial change can be laid over it. */
function asUpdate(row: WorkflowRow): UpdateWorkflowInput {
  return {
    name: row.name,
    description: row.description ?? undefined,
    tags: row.tags,
    active: row.active,
    validatePayload: row.validatePayload,
    payloadSchema: row.payloadSchema,
    isTranslationEnabled: row.isTranslationEnabled,
    severity: row.severity,
    critical: row.critical,
    preferences: { user: row.preferences.user, workflow: row.preferences.default },
    steps: row.steps.map(({ _id, stepId, name, type, controlValues }) => ({
      _id,
      stepId,
      name,
      type,
      controlValues,
    })),
  };
}

function described(row: WorkflowRow): string {
  const steps = row.steps.map((s) => `${s.stepId} (${s.type})`);
  return `'${row.workflowId}' "${row.name}", ${row.active ? "active" : "inactive"}, steps: ${listed(steps)}`;
}

export function registerWorkflowTools(server: McpServer, ctx: ToolContext) {
  server.registerTool(
    "get_workflows",
    {
      title: "List workflows",
      description: "List the environment's workflows with their identifiers, names, status and step types.",
      inputSchema: z.object({
        query: z.string().optional().describe("Only workflows whose name or identifier contains this text"),
        limit: z.number().int().min(1).max(100).optional().describe("Page size, 10 by default"),
        offset: z.number().int().min(0).optional().describe("How many workflows to skip"),
      }),
      annotations: readOnly,
    },
    (args) =>
      guard(async () => {
        const { rows, totalCount } = await listWorkflows(ctx.db, ctx.tenant, listWorkflowsQuery.parse(args));
        const names = rows.map((row) => `${row.workflowId} (${row.name})`);
        return ok(`${rows.length} of ${totalCount} workflows: ${listed(names)}.`, {
          workflows: rows.map(toWorkflowListItem),
          totalCount,
        });
      }),
  );

  server.registerTool(
    "get_workflow",
    {
      title: "Get a workflow",
      description:
        "Get one workflow's full configuration: steps with their controlValues, preferences and payloadSchema (the payload its trigger expects).",
      inputSchema: workflowRef,
      annotations: readOnly,
    },
    ({ workflowId }) =>
      guard(async () => {
        const row = await getWorkflow(ctx.db, ctx.tenant, workflowId);
        return ok(`Workflow ${described(row)}.`, { workflow: toWorkflowDto(row) });
      }),
  );

  server.registerTool(
    "create_workflow",
    {
      title: "Create a workflow",
      description: `Create a workflow (active unless active: false). ${stepsGuide}`,
      inputSchema: createInput,
      annotations: writes,
    },
    (args) =>
      guard(async () => {
        const row = await createWorkflow(ctx.db, ctx.tenant, args);
        return ok(`Created workflow ${described(row)}.`, { workflow: toWorkflowDto(row) });
      }),
  );

  server.registerTool(
    "update_workflow",
    {
      title: "Update a workflow",
      description:
        "Change a workflow: only the fields given change. `steps`, when given, replaces the whole list; a step " +
        "keeps its identity (and, when controlValues is left out, its content) when it carries its _id or stepId. " +
        stepsGuide,
      inputSchema: updateInput,
      annotations: { ...writes, idempotentHint: true },
    },
    ({ workflowId, ...changes }) =>
      guard(async () => {
        const existing = await getWorkflow(ctx.db, ctx.tenant, workflowId);
        const current = asUpdate(existing);
        const steps = changes.steps?.map((step) => ({
          ...step,
          _id: step._id ?? existing.steps.find((s) => s.stepId === step.stepId)?._id,
        }));
        const merged: UpdateWorkflowInput = {
          ...current,
          ...changes,
          preferences: { ...current.preferences, ...changes.preferences },
          steps: steps ?? current.steps,
        };
        const row = await updateWorkflow(ctx.db, ctx.tenant, existing.id, merged);
        return ok(`Updated workflow ${described(row)}.`, { workflow: toWorkflowDto(row) });
      }),
  );

  server.registerTool(
    "delete_workflow",
    {
      title: "Delete a workflow",
      description: "Delete a workflow for good; its triggers stop working. This cannot be undone.",
      inputSchema: workflowRef,
      annotations: destroys,
    },
    ({ workflowId }) =>
      guard(async () => {
        await deleteWorkflow(ctx.db, ctx.tenant, workflowId);
        return ok(`Deleted workflow '${workflowId}'.`, { deleted: true, workflowId });
      }),
  );
}
