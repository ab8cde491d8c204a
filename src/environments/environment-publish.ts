import { inArray } from "drizzle-orm";
import type { Tenant } from "../app-env";
import type { Database } from "../db/client";
import { chunks, maxBoundParameters } from "../db/limits";
import { type EnvironmentRow, type WorkflowRow, workflows } from "../db/schema";
import { HttpError } from "../http/http-error";
import { toIso } from "../lib/time";
import { copyStatement, definitionOf, workflowsOf } from "../workflows/workflow-promotion";
import { getEnvironment, listEnvironmentRows } from "./environment.service";
import type {
  DiffAction,
  DiffDto,
  PublishDto,
  PublishInput,
  ResourceDiff,
  ResourceType,
} from "./environment-publish.schemas";

type Change = { action: DiffAction; source?: WorkflowRow; target?: WorkflowRow };

const typeOf = (row: WorkflowRow): ResourceType => (row.origin === "external" ? "BRIDGE" : "REGULAR");
const ref = (row: WorkflowRow | undefined) =>
  row ? { id: row.workflowId, name: row.name, updatedAt: toIso(row.updatedAt) } : null;

/** Key order does not make two definitions different. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, canonical(v)]),
    );
  }
  return value;
}

const sameDefinition = (a: WorkflowRow, b: WorkflowRow) =>
  JSON.stringify(canonical(definitionOf(a))) === JSON.stringify(canonical(definitionOf(b)));

/** Source and target of a promotion: the source defaults to the organization's development environment. */
async function environmentsOf(
  db: Database,
  tenant: Tenant,
  targetId: string,
  sourceId: string | undefined,
): Promise<{ source: EnvironmentRow; target: EnvironmentRow }> {
  const target = await getEnvironment(db, tenant, targetId);
  const source = sourceId ? await getEnvironment(db, tenant, sourceId) : await developmentOf(db, tenant);
  if (source.id === target.id) throw HttpError.badRequest("Source and target environments must differ");
  return { source, target };
}

async function developmentOf(db: Database, tenant: Tenant): Promise<EnvironmentRow> {
  const development = (await listEnvironmentRows(db, tenant)).find((row) => row.type === "dev");
  if (!development)
    throw HttpError.badRequest("The organization has no development environment to publish from");
  return development;
}

async function changesBetween(
  db: Database,
  source: EnvironmentRow,
  target: EnvironmentRow,
): Promise<Change[]> {
  const [from, to] = await Promise.all([workflowsOf(db, source.id), workflowsOf(db, target.id)]);
  const changes: Change[] = from.map((row) => {
    const existing = to.find((t) => t.workflowId === row.workflowId);
    if (!existing) return { action: "added", source: row };
    return {
      action: sameDefinition(row, existing) ? "unchanged" : "modified",
      source: row,
      target: existing,
    };
  });
  for (const row of to) {
    if (!from.some((f) => f.workflowId === row.workflowId)) changes.push({ action: "deleted", target: row });
  }
  return changes;
}

function toResourceDiff(change: Change): ResourceDiff {
  const row = (change.source ?? change.target) as WorkflowRow;
  const count = (action: DiffAction) => (change.action === action ? 1 : 0);
  return {
    resourceType: typeOf(row),
    sourceResource: ref(change.source),
    targetResource: ref(change.target),
    changes:
      change.action === "unchanged"
        ? []
        : [
            {
              resourceType: typeOf(row),
              action: change.action,
              sourceResource: ref(change.source),
              targetResource: ref(change.target),
            },
          ],
    summary: {
      added: count("added"),
      modified: count("modified"),
      deleted: count("deleted"),
      unchanged: count("unchanged"),
    },
  };
}

/** `POST /v2/environments/{target}/diff`: what publishing the source's workflows to the target would change. */
export async function diffEnvironments(
  db: Database,
  tenant: Tenant,
  targetId: string,
  sourceId?: string,
): Promise<DiffDto> {
  const { source, target } = await environmentsOf(db, tenant, targetId, sourceId);
  const changes = await changesBetween(db, source, target);
  const totalChanges = changes.filter((c) => c.action !== "unchanged").length;
  return {
    sourceEnvironmentId: source.id,
    targetEnvironmentId: target.id,
    resources: changes.map(toResourceDiff),
    summary: { totalEntities: changes.length, totalChanges, hasChanges: totalChanges > 0 },
  };
}

/**
 * `POST /v2/environments/{target}/publish`: makes the target's workflows match the source's (all, or the listed
 * `resources`), in one D1 batch so a publish never lands half-way. `dryRun` reports without writing.
 */
export async function publishEnvironment(
  db: Database,
  tenant: Tenant,
  targetId: string,
  input: PublishInput,
): Promise<PublishDto> {
  const { source, target } = await environmentsOf(db, tenant, targetId, input.sourceEnvironmentId);
  const wanted = input.resources?.map((r) => r.resourceId);
  const changes = (await changesBetween(db, source, target)).filter((change) => {
    const row = (change.source ?? change.target) as WorkflowRow;
    return !wanted || wanted.includes(row.workflowId) || wanted.includes(row.id);
  });
  const now = Date.now();
  const writes = changes.flatMap((c) =>
    c.source && c.action !== "unchanged" ? [copyStatement(db, c.source, target, now)] : [],
  );
  const deletions = chunks(
    changes.flatMap((c) => (c.action === "deleted" && c.target ? [c.target.id] : [])),
    maxBoundParameters - 1,
  ).map((ids) => db.delete(workflows).where(inArray(workflows.id, ids)));
  const statements = [...writes, ...deletions];
  const [first, ...rest] = statements;
  if (!input.dryRun && first) await db.batch([first, ...rest]);

  const byType = new Map<ResourceType, PublishDto["results"][number]>();
  for (const change of changes) {
    const row = (change.source ?? change.target) as WorkflowRow;
    const type = typeOf(row);
    const result = byType.get(type) ?? {
      resourceType: type,
      successful: [],
      failed: [],
      skipped: [],
      totalProcessed: 0,
    };
    byType.set(type, result);
    result.totalProcessed++;
    const outcome = { resourceType: type, resourceId: row.workflowId, resourceName: row.name };
    if (change.action === "unchanged") result.skipped.push({ ...outcome, reason: "No changes" });
    else {
      const action =
        change.action === "added" ? "created" : change.action === "modified" ? "updated" : "deleted";
      result.successful.push({ ...outcome, action });
    }
  }
  const results = [...byType.values()];
  const total = (pick: (r: PublishDto["results"][number]) => unknown[]) =>
    results.reduce((sum, r) => sum + pick(r).length, 0);
  return {
    results,
    summary: {
      resources: changes.length,
      successful: total((r) => r.successful),
      failed: total((r) => r.failed),
      skipped: total((r) => r.skipped),
    },
  };
}
