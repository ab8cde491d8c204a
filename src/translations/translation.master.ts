import { and, eq, inArray, or, sql } from "drizzle-orm";
import type { Tenant } from "../app-env";
import type { Database } from "../db/client";
import { layouts, translations, workflows } from "../db/schema";
import { fitsInRow, type ImportResult, type MasterJson, type ResourceType } from "./translation.schemas";
import { type TranslationValues, upsertMany } from "./translation.service";

/** No organization settings are stored, so the organization's default locale is Novu's: en_US. */
export const defaultLocale = "en_US";

const sections = { workflow: "workflows", layout: "layouts" } as const satisfies Record<ResourceType, string>;

/** Every translation of a locale, keyed by resource; translations of deleted resources are left out. */
export async function getMasterJson(db: Database, tenant: Tenant, locale: string) {
  const resourceExists = or(
    and(
      eq(translations.resourceType, "workflow"),
      sql`exists (select 1 from ${workflows} where ${workflows.environmentId} = ${translations.environmentId} and ${workflows.workflowId} = ${translations.resourceId})`,
    ),
    and(
      eq(translations.resourceType, "layout"),
      sql`exists (select 1 from ${layouts} where ${layouts.environmentId} = ${translations.environmentId} and ${layouts.layoutId} = ${translations.resourceId})`,
    ),
  );
  const rows = await db
    .select({ type: translations.resourceType, id: translations.resourceId, content: translations.content })
    .from(translations)
    .where(and(eq(translations.environmentId, tenant.id), eq(translations.locale, locale), resourceExists))
    .orderBy(translations.resourceId);
  const master = { workflows: {} as Record<string, unknown>, layouts: {} as Record<string, unknown> };
  for (const row of rows) master[sections[row.type]][row.id] = row.content;
  return master;
}

/** D1 binds at most 100 parameters per statement. */
function chunks<T>(items: T[], size = 90): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

async function existingIds(db: Database, tenant: Tenant, type: ResourceType, ids: string[]) {
  const found = new Set<string>();
  for (const part of chunks(ids)) {
    const rows =
      type === "workflow"
        ? await db
            .select({ id: workflows.workflowId })
            .from(workflows)
            .where(and(eq(workflows.environmentId, tenant.id), inArray(workflows.workflowId, part)))
        : await db
            .select({ id: layouts.layoutId })
            .from(layouts)
            .where(and(eq(layouts.environmentId, tenant.id), inArray(layouts.layoutId, part)));
    for (const row of rows) found.add(row.id);
  }
  return found;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === "object" && !Array.isArray(value);
}

/**
 * Imports `{ workflows: { <workflowId>: content }, layouts: { <layoutId>: content } }` for one locale. Each
 * resource's content replaces its translation; unknown resources (or content that is not an object) are skipped and
 * reported in `failed`, as Novu does.
 */
export async function importMasterJson(
  db: Database,
  tenant: Tenant,
  locale: string,
  master: MasterJson,
): Promise<ImportResult> {
  const rows: TranslationValues[] = [];
  const failed: string[] = [];
  for (const resourceType of ["workflow", "layout"] as const) {
    const section = master[sections[resourceType]];
    const entries = isObject(section) ? Object.entries(section) : [];
    const found = await existingIds(
      db,
      tenant,
      resourceType,
      entries.map(([id]) => id),
    );
    for (const [resourceId, content] of entries) {
      if (found.has(resourceId) && isObject(content) && fitsInRow(content))
        rows.push({ resourceType, resourceId, locale, content });
      else failed.push(resourceId);
    }
  }
  await upsertMany(db, tenant, rows);
  const successful = rows.map((row) => row.resourceId);
  const total = successful.length + failed.length;
  const result = {
    ...(successful.length > 0 ? { successful } : {}),
    ...(failed.length > 0 ? { failed } : {}),
  };
  if (total === 0) {
    return {
      success: false,
      message: "No supported resources found in the master JSON (workflows, layouts)",
    };
  }
  if (successful.length === 0) {
    return {
      success: false,
      message: `Failed to import any resources: ${failed.length} not found or not an object`,
      ...result,
    };
  }
  if (failed.length > 0) {
    return {
      success: true,
      message: `Partial import completed: ${successful.length} resource(s) imported, ${failed.length} failed`,
      ...result,
    };
  }
  return {
    success: true,
    message: `Successfully imported translations for ${successful.length} resource(s) in ${locale}`,
    ...result,
  };
}
