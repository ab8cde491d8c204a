import { eq } from "drizzle-orm";
import type { Tenant } from "../app-env";
import type { Database } from "../db/client";
import { environments } from "../db/schema";
import { HttpError } from "../http/http-error";

/** The environment columns every request is scoped by (`Tenant`). */
export const tenantColumns = {
  id: environments.id,
  organizationId: environments.organizationId,
  name: environments.name,
  type: environments.type,
  identifier: environments.identifier,
  workflowsRevision: environments.workflowsRevision,
  subscribersRevision: environments.subscribersRevision,
};

/** The environment a public application identifier names (the Inbox and the demo page address it this way). */
export async function tenantByApplicationIdentifier(
  db: Database,
  applicationIdentifier: string,
): Promise<Tenant> {
  const [tenant] = await db
    .select(tenantColumns)
    .from(environments)
    .where(eq(environments.identifier, applicationIdentifier))
    .limit(1);
  if (!tenant) throw HttpError.badRequest("Please provide a valid application identifier");
  return tenant;
}
