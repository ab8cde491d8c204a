import { and, asc, eq, sql } from "drizzle-orm";
import type { Tenant } from "../app-env";
import type { Database } from "../db/client";
import { type TranslationRow, translations } from "../db/schema";
import { HttpError } from "../http/http-error";
import { findLayout } from "../layouts/layout.service";
import { objectId } from "../lib/ids";
import { findWorkflow } from "../workflows/workflow.service";
import type { CreateTranslationInput, ResourceType } from "./translation.schemas";

export type Resource = { resourceType: ResourceType; resourceId: string; name: string };
export type TranslationValues = Omit<Resource, "name"> & { locale: string; content: Record<string, unknown> };

const labels: Record<ResourceType, string> = { workflow: "Workflow", layout: "Layout" };

/** The workflow (by workflowId or `_id`) or layout (by layoutId or `_id`), under its canonical identifier. */
export async function findResource(
  db: Database,
  tenant: Tenant,
  resourceType: ResourceType,
  identifier: string,
): Promise<Resource | undefined> {
  if (resourceType === "workflow") {
    const row = await findWorkflow(db, tenant, identifier);
    return row && { resourceType, resourceId: row.workflowId, name: row.name };
  }
  const row = await findLayout(db, tenant, identifier);
  return row && { resourceType, resourceId: row.layoutId, name: row.name };
}

export async function requireResource(
  db: Database,
  tenant: Tenant,
  resourceType: ResourceType,
  identifier: string,
): Promise<Resource> {
  const resource = await findResource(db, tenant, resourceType, identifier);
  if (!resource) throw HttpError.notFound(`${labels[resourceType]} '${identifier}' was not found`);
  return resource;
}

/** Reads and deletes address the stored identifier, or the resource's canonical one when an `_id` was given. */
async function storedId(db: Database, tenant: Tenant, resourceType: ResourceType, identifier: string) {
  return (await findResource(db, tenant, resourceType, identifier))?.resourceId ?? identifier;
}

function ofResource(tenant: Tenant, resourceType: ResourceType, resourceId: string) {
  return and(
    eq(translations.environmentId, tenant.id),
    eq(translations.resourceType, resourceType),
    eq(translations.resourceId, resourceId),
  );
}

/** One INSERT … ON CONFLICT per locale: a translation is created, or its content replaced. */
export function upsertStatement(db: Database, tenant: Tenant, values: TranslationValues, now: number) {
  return db
    .insert(translations)
    .values({ id: objectId(now), environmentId: tenant.id, ...values, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: [
        translations.environmentId,
        translations.resourceType,
        translations.resourceId,
        translations.locale,
      ],
      set: { content: sql`excluded.content`, updatedAt: now },
    });
}

/** Writes many translations in a few D1 batches. */
export async function upsertMany(db: Database, tenant: Tenant, rows: TranslationValues[]): Promise<void> {
  const now = Date.now();
  for (let i = 0; i < rows.length; i += 50) {
    const [first, ...rest] = rows.slice(i, i + 50).map((row) => upsertStatement(db, tenant, row, now));
    if (first) await db.batch([first, ...rest]);
  }
}

export async function upsertTranslation(
  db: Database,
  tenant: Tenant,
  input: CreateTranslationInput,
): Promise<TranslationRow> {
  const resource = await requireResource(db, tenant, input.resourceType, input.resourceId);
  const [row] = await upsertStatement(
    db,
    tenant,
    {
      resourceType: resource.resourceType,
      resourceId: resource.resourceId,
      locale: input.locale,
      content: input.content,
    },
    Date.now(),
  ).returning();
  if (!row) throw new HttpError(500, "The translation could not be saved");
  return row;
}

export async function getTranslation(
  db: Database,
  tenant: Tenant,
  resourceType: ResourceType,
  identifier: string,
  locale: string,
): Promise<TranslationRow> {
  const resourceId = await storedId(db, tenant, resourceType, identifier);
  const [row] = await db
    .select()
    .from(translations)
    .where(and(ofResource(tenant, resourceType, resourceId), eq(translations.locale, locale)))
    .limit(1);
  if (!row)
    throw HttpError.notFound(
      `Translation for ${resourceType} '${identifier}' in locale '${locale}' was not found`,
    );
  return row;
}

export async function deleteTranslation(
  db: Database,
  tenant: Tenant,
  resourceType: ResourceType,
  identifier: string,
  locale: string,
): Promise<void> {
  const resourceId = await storedId(db, tenant, resourceType, identifier);
  const deleted = await db
    .delete(translations)
    .where(and(ofResource(tenant, resourceType, resourceId), eq(translations.locale, locale)))
    .returning({ id: translations.id });
  if (deleted.length === 0) {
    throw HttpError.notFound(
      `Translation for ${resourceType} '${identifier}' in locale '${locale}' was not found`,
    );
  }
}

/** All locales of one resource. A resource without translations has no group (404), as in Novu. */
export async function getTranslationGroup(
  db: Database,
  tenant: Tenant,
  resourceType: ResourceType,
  identifier: string,
) {
  const resource = await requireResource(db, tenant, resourceType, identifier);
  const rows = await db
    .select({
      locale: translations.locale,
      createdAt: translations.createdAt,
      updatedAt: translations.updatedAt,
    })
    .from(translations)
    .where(ofResource(tenant, resourceType, resource.resourceId))
    .orderBy(asc(translations.locale));
  if (rows.length === 0) {
    throw HttpError.notFound(`Translation group for ${resourceType} '${identifier}' was not found`);
  }
  return {
    resource,
    locales: rows.map((r) => r.locale),
    createdAt: Math.min(...rows.map((r) => r.createdAt)),
    updatedAt: Math.max(...rows.map((r) => r.updatedAt)),
  };
}

/** Deletes every locale of the resource; also clears the translations a deleted workflow left behind. */
export async function deleteTranslationGroup(
  db: Database,
  tenant: Tenant,
  resourceType: ResourceType,
  identifier: string,
): Promise<void> {
  const resourceId = await storedId(db, tenant, resourceType, identifier);
  const deleted = await db
    .delete(translations)
    .where(ofResource(tenant, resourceType, resourceId))
    .returning({ id: translations.id });
  if (deleted.length === 0) {
    throw HttpError.notFound(`Translation group for ${resourceType} '${identifier}' was not found`);
  }
}
