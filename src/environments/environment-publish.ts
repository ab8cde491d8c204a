import type { Tenant } from "../app-env";
import type { Database } from "../db/client";
import { chunks, maxBoundParameters } from "../db/limits";
import type { EnvironmentRow } from "../db/schema";
import { HttpError } from "../http/http-error";
import { toIso } from "../lib/time";
import { getEnvironment, listEnvironmentRows } from "./environment.service";
import type {
  DiffAction,
  DiffDto,
  PublishDto,
  PublishInput,
  ResourceDiff,
} from "./environment-publish.schemas";
import { type Promotable, type PromotableKind, promotableKinds } from "./promotable";

type Change = { kind: PromotableKind; action: DiffAction; source?: Promotable; target?: Promotable };

const ref = (resource: Promotable | undefined) =>
  resource ? { id: resource.key, name: resource.name, updatedAt: toIso(resource.updatedAt) } : null;

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

const same = (a: Promotable, b: Promotable) =>
  JSON.stringify(canonical(a.definition)) === JSON.stringify(canonical(b.definition));

const resourceOf = (change: Change) => (change.source ?? change.target) as Promotable;

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
  const perKind = await Promise.all(
    promotableKinds.map(async (kind) => {
      const [from, to] = await Promise.all([kind.list(db, source.id), kind.list(db, target.id)]);
      const changes: Change[] = from.map((resource) => {
        const existing = to.find((t) => t.key === resource.key);
        if (!existing) return { kind, action: "added", source: resource };
        return {
          kind,
          action: same(resource, existing) ? "unchanged" : "modified",
          source: resource,
          target: existing,
        };
      });
      for (const resource of to) {
        if (!from.some((f) => f.key === resource.key))
          changes.push({ kind, action: "deleted", target: resource });
      }
      return changes;
    }),
  );
  return perKind.flat();
}

function toResourceDiff(change: Change): ResourceDiff {
  const resource = resourceOf(change);
  const count = (action: DiffAction) => (change.action === action ? 1 : 0);
  const refs = { sourceResource: ref(change.source), targetResource: ref(change.target) };
  return {
    resourceType: resource.resourceType,
    resourceKind: resource.kind,
    ...refs,
    changes:
      change.action === "unchanged"
        ? []
        : [{ resourceType: resource.resourceType, action: change.action, ...refs }],
    summary: {
      added: count("added"),
      modified: count("modified"),
      deleted: count("deleted"),
      unchanged: count("unchanged"),
    },
  };
}

/** `POST /v2/environments/{target}/diff`: what publishing the source to the target would change. */
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

function statementsFor(db: Database, changes: Change[], target: EnvironmentRow, now: number) {
  const writes = changes.flatMap((c) =>
    c.source && c.action !== "unchanged" ? [c.source.copyTo(target, now)] : [],
  );
  const deletions = promotableKinds.flatMap((kind) =>
    chunks(
      changes.flatMap((c) => (c.kind === kind && c.action === "deleted" && c.target ? [c.target.id] : [])),
      maxBoundParameters - 1,
    ).map((ids) => kind.remove(db, ids)),
  );
  return [...writes, ...deletions];
}

function report(changes: Change[]): PublishDto {
  const results = new Map<string, PublishDto["results"][number]>();
  for (const change of changes) {
    const resource = resourceOf(change);
    const group = results.get(resource.resourceType) ?? {
      resourceType: resource.resourceType,
      successful: [],
      failed: [],
      skipped: [],
      totalProcessed: 0,
    };
    results.set(resource.resourceType, group);
    group.totalProcessed++;
    const outcome = {
      resourceType: resource.resourceType,
      resourceKind: resource.kind,
      resourceId: resource.key,
      resourceName: resource.name,
    };
    if (change.action === "unchanged") group.skipped.push({ ...outcome, reason: "No changes" });
    else {
      const action =
        change.action === "added" ? "created" : change.action === "modified" ? "updated" : "deleted";
      group.successful.push({ ...outcome, action });
    }
  }
  const all = [...results.values()];
  const total = (pick: (r: PublishDto["results"][number]) => unknown[]) =>
    all.reduce((sum, r) => sum + pick(r).length, 0);
  return {
    results: all,
    summary: {
      resources: changes.length,
      successful: total((r) => r.successful),
      failed: total((r) => r.failed),
      skipped: total((r) => r.skipped),
    },
  };
}

/**
 * `POST /v2/environments/{target}/publish`: makes the target's workflows, layouts and translations match the
 * source's (all, or the listed `resources`), in one D1 batch so a publish never lands half-way. `dryRun` reports
 * without writing.
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
    const resource = resourceOf(change);
    return !wanted || wanted.includes(resource.key) || wanted.includes(resource.id);
  });
  const [first, ...rest] = statementsFor(db, changes, target, Date.now());
  if (!input.dryRun && first) await db.batch([first, ...rest]);
  return report(changes);
}
