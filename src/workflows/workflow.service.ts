import { and, asc, desc, eq, like, or, sql } from "drizzle-orm";
import type { Tenant } from "../app-env";
import type { Database } from "../db/client";
import { prepared } from "../db/prepared";
import { type WorkflowRow, workflows } from "../db/schema";
import { HttpError } from "../http/http-error";
import { isObjectId, objectId } from "../lib/ids";
import type {
  CreateWorkflowInput,
  ListWorkflowsQuery,
  PatchWorkflowInput,
  StepUpsert,
  UpdateWorkflowInput,
} from "./workflow.schemas";
import {
  type ChannelPreferences,
  defaultChannelPreferences,
  type StoredStep,
  type WorkflowPreferences,
} from "./workflow.types";

export function slugify(value: string): string {
  return (
    value
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "") || "step"
  );
}

/** Keeps the `_id` of steps the caller sent back, and makes each `stepId` unique within the workflow as Novu does. */
function toStoredSteps(input: StepUpsert[], existing: StoredStep[] = []): StoredStep[] {
  const taken = new Set<string>();
  return input.map((step) => {
    const previous = step._id ? existing.find((s) => s._id === step._id) : undefined;
    const base = previous?.stepId ?? step.stepId ?? slugify(step.name);
    let stepId = base;
    for (let n = 2; taken.has(stepId); n++) stepId = `${base}-${n}`;
    taken.add(stepId);
    return {
      _id: previous?._id ?? objectId(),
      stepId,
      name: step.name,
      type: step.type,
      controlValues: step.controlValues ?? previous?.controlValues ?? {},
      // A code-first step's control schema comes from its bridge, not from the request: keep it.
      ...(previous?.controlSchema ? { controlSchema: previous.controlSchema } : {}),
    };
  });
}

function toChannelPreferences(
  input: NonNullable<CreateWorkflowInput["preferences"]>["user"],
): ChannelPreferences | null {
  if (!input) return null;
  return {
    all: { enabled: input.all?.enabled ?? true, readOnly: input.all?.readOnly ?? false },
    channels: { ...defaultChannelPreferences.channels, ...input.channels },
  };
}

function toPreferences(input: CreateWorkflowInput["preferences"]): WorkflowPreferences {
  return {
    user: toChannelPreferences(input?.user),
    default: toChannelPreferences(input?.workflow) ?? defaultChannelPreferences,
  };
}

/** Fields shared by create and full update; an omitted optional field falls back to Novu's default. */
function definition(input: CreateWorkflowInput | UpdateWorkflowInput, existing?: WorkflowRow) {
  return {
    name: input.name,
    description: input.description ?? null,
    tags: input.tags ?? [],
    active: input.active ?? true,
    critical: input.critical ?? input.preferences?.workflow?.all?.readOnly ?? false,
    severity: input.severity ?? "none",
    validatePayload: input.validatePayload ?? false,
    payloadSchema: input.payloadSchema ?? null,
    isTranslationEnabled: input.isTranslationEnabled ?? false,
    preferences: toPreferences(input.preferences),
    steps: toStoredSteps(input.steps, existing?.steps),
  };
}

export async function createWorkflow(
  db: Database,
  tenant: Tenant,
  input: CreateWorkflowInput,
): Promise<WorkflowRow> {
  const now = Date.now();
  const [row] = await db
    .insert(workflows)
    .values({
      id: objectId(now),
      environmentId: tenant.id,
      organizationId: tenant.organizationId,
      workflowId: input.workflowId,
      origin: "novu-cloud",
      ...definition(input),
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing()
    .returning();
  if (!row) throw HttpError.conflict(`Workflow with workflowId '${input.workflowId}' already exists`);
  return row;
}

/** Novu accepts a workflow's own identifier or its internal `_id` wherever a workflow is addressed. */
function byIdentifier(tenant: Tenant, identifier: string) {
  const matches = isObjectId(identifier)
    ? or(eq(workflows.workflowId, identifier), eq(workflows.id, identifier))
    : eq(workflows.workflowId, identifier);
  return and(eq(workflows.environmentId, tenant.id), matches);
}

/** Triggers look workflows up on every request, so both forms of the lookup are prepared statements. */
const workflowByKey = {
  identifier: prepared((db: Database) =>
    db
      .select()
      .from(workflows)
      .where(
        and(
          eq(workflows.environmentId, sql.placeholder("environmentId")),
          eq(workflows.workflowId, sql.placeholder("identifier")),
        ),
      )
      .limit(1)
      .prepare(),
  ),
  identifierOrId: prepared((db: Database) =>
    db
      .select()
      .from(workflows)
      .where(
        and(
          eq(workflows.environmentId, sql.placeholder("environmentId")),
          or(
            eq(workflows.workflowId, sql.placeholder("identifier")),
            eq(workflows.id, sql.placeholder("identifier")),
          ),
        ),
      )
      .limit(1)
      .prepare(),
  ),
};

export async function findWorkflow(
  db: Database,
  tenant: Tenant,
  identifier: string,
): Promise<WorkflowRow | undefined> {
  const lookup = isObjectId(identifier) ? workflowByKey.identifierOrId : workflowByKey.identifier;
  return lookup(db).get({ environmentId: tenant.id, identifier });
}

export async function getWorkflow(db: Database, tenant: Tenant, identifier: string): Promise<WorkflowRow> {
  const row = await findWorkflow(db, tenant, identifier);
  if (!row) throw HttpError.notFound(`Workflow '${identifier}' was not found`);
  return row;
}

export async function updateWorkflow(
  db: Database,
  tenant: Tenant,
  identifier: string,
  input: UpdateWorkflowInput,
): Promise<WorkflowRow> {
  const existing = await getWorkflow(db, tenant, identifier);
  const [row] = await db
    .update(workflows)
    .set({ ...definition(input, existing), updatedAt: Date.now() })
    .where(eq(workflows.id, existing.id))
    .returning();
  if (!row) throw HttpError.notFound(`Workflow '${identifier}' was not found`);
  return row;
}

export async function deleteWorkflow(db: Database, tenant: Tenant, identifier: string): Promise<void> {
  const deleted = await db
    .delete(workflows)
    .where(byIdentifier(tenant, identifier))
    .returning({ id: workflows.id });
  if (deleted.length === 0) throw HttpError.notFound(`Workflow '${identifier}' was not found`);
}

const orderColumns = {
  createdAt: workflows.createdAt,
  updatedAt: workflows.updatedAt,
  name: workflows.name,
  lastTriggeredAt: workflows.lastTriggeredAt,
} as const;

export async function listWorkflows(db: Database, tenant: Tenant, query: ListWorkflowsQuery) {
  const search = query.query ? `%${query.query}%` : undefined;
  const where = and(
    eq(workflows.environmentId, tenant.id),
    search ? or(like(workflows.name, search), like(workflows.workflowId, search)) : undefined,
  );
  const direction = query.orderDirection === "ASC" ? asc : desc;
  const [rows, [count]] = await Promise.all([
    db
      .select()
      .from(workflows)
      .where(where)
      .orderBy(direction(orderColumns[query.orderBy]), direction(workflows.id))
      .limit(query.limit)
      .offset(query.offset),
    db.select({ total: sql<number>`count(*)` }).from(workflows).where(where),
  ]);
  return { rows, totalCount: count?.total ?? 0 };
}

export async function patchWorkflow(
  db: Database,
  tenant: Tenant,
  identifier: string,
  input: PatchWorkflowInput,
): Promise<WorkflowRow> {
  const existing = await getWorkflow(db, tenant, identifier);
  const [row] = await db
    .update(workflows)
    .set({ ...input, updatedAt: Date.now() })
    .where(eq(workflows.id, existing.id))
    .returning();
  if (!row) throw HttpError.notFound(`Workflow '${identifier}' was not found`);
  return row;
}

/** A step is addressed by its `stepId` or its internal `_id`, as Novu accepts both. */
export function getStep(row: WorkflowRow, stepId: string): StoredStep {
  const step = row.steps.find((s) => s.stepId === stepId || s._id === stepId);
  if (!step) throw HttpError.notFound(`Step '${stepId}' was not found in workflow '${row.workflowId}'`);
  return step;
}

/** Replaces one step's control values: for code-first steps, what the bridge receives as `controls` next run. */
export async function patchStepControls(
  db: Database,
  tenant: Tenant,
  identifier: string,
  stepId: string,
  controlValues: Record<string, unknown>,
): Promise<{ row: WorkflowRow; step: StoredStep }> {
  const existing = await getWorkflow(db, tenant, identifier);
  const target = getStep(existing, stepId);
  const steps = existing.steps.map((s) => (s._id === target._id ? { ...s, controlValues } : s));
  const [row] = await db
    .update(workflows)
    .set({ steps, updatedAt: Date.now() })
    .where(eq(workflows.id, existing.id))
    .returning();
  if (!row) throw HttpError.notFound(`Workflow '${identifier}' was not found`);
  return { row, step: getStep(row, target._id) };
}
