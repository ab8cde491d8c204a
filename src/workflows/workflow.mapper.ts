import type { WorkflowRow } from "../db/schema";
import { toIso } from "../lib/time";
import type { WorkflowDto, WorkflowListItemDto } from "./workflow.schemas";
import { slugify } from "./workflow.service";
import type { StoredStep } from "./workflow.types";

function status(row: WorkflowRow) {
  return row.active ? "ACTIVE" : "INACTIVE";
}

function stepSlug(step: StoredStep) {
  return `${slugify(step.name)}_st_${step._id}`;
}

function workflowSlug(row: WorkflowRow) {
  return `${slugify(row.name)}_wf_${row.id}`;
}

export function toStepDto(row: WorkflowRow, step: StoredStep): WorkflowDto["steps"][number] {
  return {
    _id: step._id,
    stepId: step.stepId,
    slug: stepSlug(step),
    name: step.name,
    type: step.type,
    origin: row.origin,
    workflowId: row.workflowId,
    workflowDatabaseId: row.id,
    controls: { values: step.controlValues, dataSchema: step.controlSchema },
    controlValues: step.controlValues,
    variables: {},
  };
}

export function toWorkflowDto(row: WorkflowRow): WorkflowDto {
  return {
    _id: row.id,
    workflowId: row.workflowId,
    slug: workflowSlug(row),
    name: row.name,
    description: row.description ?? undefined,
    tags: row.tags,
    active: row.active,
    validatePayload: row.validatePayload,
    payloadSchema: row.payloadSchema,
    isTranslationEnabled: row.isTranslationEnabled,
    severity: row.severity,
    critical: row.critical,
    status: status(row),
    origin: row.origin,
    preferences: row.preferences,
    steps: row.steps.map((step) => toStepDto(row, step)),
    createdAt: toIso(row.createdAt),
    updatedAt: toIso(row.updatedAt),
    lastTriggeredAt: toIso(row.lastTriggeredAt) ?? undefined,
  };
}

export function toWorkflowListItem(row: WorkflowRow): WorkflowListItemDto {
  return {
    _id: row.id,
    workflowId: row.workflowId,
    slug: workflowSlug(row),
    name: row.name,
    tags: row.tags,
    status: status(row),
    origin: row.origin,
    createdAt: toIso(row.createdAt),
    updatedAt: toIso(row.updatedAt),
    lastTriggeredAt: toIso(row.lastTriggeredAt) ?? undefined,
    stepTypeOverviews: [...new Set(row.steps.map((s) => s.type))],
    isTranslationEnabled: row.isTranslationEnabled,
    steps: row.steps.map((step) => ({ slug: stepSlug(step), type: step.type })),
  };
}
