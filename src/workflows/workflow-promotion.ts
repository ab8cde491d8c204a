import type { Tenant } from "../app-env";
import type { Database } from "../db/client";
import { type EnvironmentRow, type WorkflowRow, workflows } from "../db/schema";
import { getEnvironment } from "../environments/environment.service";
import { HttpError } from "../http/http-error";
import { objectId } from "../lib/ids";
import { getWorkflow } from "./workflow.service";

/** What promotion copies: the definition, not the identity, history or trigger statistics of a workflow. */
export function definitionOf(row: WorkflowRow) {
  return {
    name: row.name,
    description: row.description,
    tags: row.tags,
    active: row.active,
    critical: row.critical,
    severity: row.severity,
    validatePayload: row.validatePayload,
    payloadSchema: row.payloadSchema,
    isTranslationEnabled: row.isTranslationEnabled,
    preferences: row.preferences,
    steps: row.steps,
    origin: row.origin,
  };
}

/** Creates or replaces the workflow with the same `workflowId` in `target`. */
export function copyStatement(db: Database, source: WorkflowRow, target: EnvironmentRow, now = Date.now()) {
  const definition = definitionOf(source);
  return db
    .insert(workflows)
    .values({
      id: objectId(now),
      environmentId: target.id,
      organizationId: target.organizationId,
      workflowId: source.workflowId,
      ...definition,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoUpdate({
      target: [workflows.environmentId, workflows.workflowId],
      set: { ...definition, updatedAt: now },
    })
    .returning();
}

/**
 * `PUT /v2/workflows/{workflowId}/sync`: copies one workflow to another environment of the same organization
 * under the same `workflowId` (the target is addressed by `_id` or identifier).
 */
export async function syncWorkflow(
  db: Database,
  tenant: Tenant,
  identifier: string,
  targetEnvironmentId: string,
): Promise<WorkflowRow> {
  const source = await getWorkflow(db, tenant, identifier);
  const target = await getEnvironment(db, tenant, targetEnvironmentId);
  if (target.id === tenant.id)
    throw HttpError.badRequest("A workflow cannot be synced to its own environment");
  const [row] = await copyStatement(db, source, target);
  if (!row) throw HttpError.notFound(`Workflow '${identifier}' was not found`);
  return row;
}
