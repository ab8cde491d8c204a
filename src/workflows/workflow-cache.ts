import type { Tenant } from "../app-env";
import type { Database } from "../db/client";
import type { WorkflowRow } from "../db/schema";
import { findWorkflow } from "./workflow.service";

/** How many environments, and workflows per environment, one isolate keeps. */
const limits = { environments: 256, workflowsPerEnvironment: 512 };

type Revision = { revision: number; workflows: Map<string, WorkflowRow | undefined> };

/** Least recently used first: a Map iterates in insertion order and every hit re-inserts its environment. */
const environments = new Map<string, Revision>();

function revisionOf(tenant: Pick<Tenant, "id" | "workflowsRevision">): Revision {
  const cached = environments.get(tenant.id);
  environments.delete(tenant.id);
  const current =
    cached?.revision === tenant.workflowsRevision
      ? cached
      : { revision: tenant.workflowsRevision, workflows: new Map() };
  environments.set(tenant.id, current);
  if (environments.size > limits.environments) {
    environments.delete(environments.keys().next().value as string);
  }
  return current;
}

/** Cached rows are shared by every request of the isolate, so none may change one in place. */
function frozen<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) frozen(child);
    Object.freeze(value);
  }
  return value;
}

/**
 * The workflow a trigger names, read from D1 once per isolate and environment revision. Every write to `workflows`
 * bumps `environments.workflows_revision` in the same statement (SQLite triggers, migration 0017), and the API key
 * lookup reads that revision with the environment; an entry is served only to requests that saw the revision it was
 * read under, so a change made through any isolate reaches the next request of every isolate. Rows are kept, not
 * promises: an I/O promise belongs to the request that started it and must not be awaited by another.
 */
export async function cachedWorkflow(
  db: Database,
  tenant: Tenant,
  identifier: string,
): Promise<WorkflowRow | undefined> {
  const { workflows } = revisionOf(tenant);
  if (workflows.has(identifier)) return workflows.get(identifier);
  const row = frozen(await findWorkflow(db, tenant, identifier));
  if (workflows.size >= limits.workflowsPerEnvironment) workflows.clear();
  workflows.set(identifier, row);
  return row;
}
