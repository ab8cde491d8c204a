import type { Tenant } from "../app-env";
import type { Database } from "../db/client";
import { RevisionCache } from "../db/revision-cache";
import type { WorkflowRow } from "../db/schema";
import { findWorkflow } from "./workflow.service";

/** At most 2,048 rows of a few kB each: a few MB of an isolate's 128 MB. */
const cache = new RevisionCache<WorkflowRow | undefined>({ environments: 32, rowsPerEnvironment: 64 });

/** The workflow a trigger names, read from D1 once per isolate and workflows revision (unknown names too). */
export async function cachedWorkflow(
  db: Database,
  tenant: Tenant,
  identifier: string,
): Promise<WorkflowRow | undefined> {
  const rows = cache.at(tenant.id, tenant.workflowsRevision);
  return rows.has(identifier)
    ? rows.get(identifier)
    : rows.set(identifier, await findWorkflow(db, tenant, identifier));
}
