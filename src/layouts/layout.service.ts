import { and, asc, desc, eq, like, or, type SQL, sql } from "drizzle-orm";
import type { Tenant } from "../app-env";
import type { Database } from "../db/client";
import { type LayoutControls, type LayoutRow, layouts, translations } from "../db/schema";
import { HttpError } from "../http/http-error";
import { isObjectId, objectId } from "../lib/ids";
import { slugify } from "../workflows/workflow.service";
import { assertValidEmailControls } from "./layout.content";
import type {
  CreateLayoutInput,
  DuplicateLayoutInput,
  ListLayoutsQuery,
  UpdateLayoutInput,
} from "./layout.schemas";
import { copyLayoutTranslations, unlinkStatements } from "./layout.usage";

/** Novu accepts a layout's own identifier or its internal `_id` wherever a layout is addressed. */
function byIdentifier(tenant: Tenant, identifier: string) {
  const matches = isObjectId(identifier)
    ? or(eq(layouts.layoutId, identifier), eq(layouts.id, identifier))
    : eq(layouts.layoutId, identifier);
  return and(eq(layouts.environmentId, tenant.id), matches);
}

export async function findLayout(db: Database, tenant: Tenant, identifier: string) {
  const [row] = await db.select().from(layouts).where(byIdentifier(tenant, identifier)).limit(1);
  return row;
}

export async function getLayout(db: Database, tenant: Tenant, identifier: string): Promise<LayoutRow> {
  const row = await findLayout(db, tenant, identifier);
  if (!row) throw HttpError.notFound(`Layout '${identifier}' was not found`);
  return row;
}

/**
 * The environment's first layout becomes its default. Decided inside the INSERT itself, so two concurrent first
 * layouts cannot both become the default (D1 runs one statement at a time).
 */
async function insertLayout(
  db: Database,
  tenant: Tenant,
  values: { layoutId: string; name: string; isTranslationEnabled: boolean; controls: LayoutControls },
): Promise<LayoutRow> {
  const now = Date.now();
  const noDefaultYet = sql<boolean>`not exists (select 1 from ${layouts} where ${layouts.environmentId} = ${tenant.id} and ${layouts.isDefault} = 1)`;
  const [row] = await db
    .insert(layouts)
    .values({
      id: objectId(now),
      environmentId: tenant.id,
      ...values,
      isDefault: noDefaultYet,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing()
    .returning();
  if (!row) throw HttpError.conflict(`Layout with layoutId '${values.layoutId}' already exists`);
  return row;
}

export function createLayout(db: Database, tenant: Tenant, input: CreateLayoutInput): Promise<LayoutRow> {
  return insertLayout(db, tenant, {
    layoutId: input.layoutId,
    name: input.name,
    isTranslationEnabled: input.isTranslationEnabled ?? false,
    controls: {},
  });
}

export async function updateLayout(
  db: Database,
  tenant: Tenant,
  identifier: string,
  input: UpdateLayoutInput,
): Promise<LayoutRow> {
  const existing = await getLayout(db, tenant, identifier);
  if (input.controlValues?.email) assertValidEmailControls(input.controlValues.email);
  const controls: LayoutControls =
    input.controlValues === undefined
      ? existing.controls
      : input.controlValues?.email
        ? { email: input.controlValues.email }
        : {};
  const [row] = await db
    .update(layouts)
    .set({
      name: input.name,
      isTranslationEnabled: input.isTranslationEnabled ?? existing.isTranslationEnabled,
      controls,
      updatedAt: Date.now(),
    })
    .where(and(eq(layouts.environmentId, tenant.id), eq(layouts.id, existing.id)))
    .returning();
  if (!row) throw HttpError.notFound(`Layout '${identifier}' was not found`);
  return row;
}

/**
 * As Novu: the default layout cannot be deleted (409); a layout in use is deleted and the email steps that pointed
 * at it lose their `layoutId` (they fall back to the default layout). Its translations go with it.
 */
export async function deleteLayout(db: Database, tenant: Tenant, identifier: string): Promise<void> {
  const layout = await getLayout(db, tenant, identifier);
  if (layout.isDefault) {
    throw HttpError.conflict(
      `Layout with id ${identifier} is being used as a default layout, it can not be deleted`,
    );
  }
  // One batch, one transaction: the layout, its translations and the steps' references go together.
  const unlinks = await unlinkStatements(db, tenant, layout);
  await db.batch([
    db.delete(layouts).where(and(eq(layouts.environmentId, tenant.id), eq(layouts.id, layout.id))),
    db
      .delete(translations)
      .where(
        and(
          eq(translations.environmentId, tenant.id),
          eq(translations.resourceType, "layout"),
          eq(translations.resourceId, layout.layoutId),
        ),
      ),
    ...unlinks,
  ]);
}

/** `name` → `name`, `name-2`, `name-3` …: the first identifier no layout of the environment holds. */
async function freeLayoutId(db: Database, tenant: Tenant, name: string): Promise<string> {
  const base = slugify(name).slice(0, 90);
  const taken = new Set(
    (
      await db
        .select({ layoutId: layouts.layoutId })
        .from(layouts)
        .where(and(eq(layouts.environmentId, tenant.id), like(layouts.layoutId, `${base}%`)))
    ).map((r) => r.layoutId),
  );
  let candidate = base;
  for (let n = 2; taken.has(candidate); n++) candidate = `${base}-${n}`;
  return candidate;
}

/** A copy of the layout's controls under a new name; its translations are copied when the copy enables them. */
export async function duplicateLayout(
  db: Database,
  tenant: Tenant,
  identifier: string,
  input: DuplicateLayoutInput,
): Promise<LayoutRow> {
  const source = await getLayout(db, tenant, identifier);
  const row = await insertLayout(db, tenant, {
    layoutId: input.layoutId ?? (await freeLayoutId(db, tenant, input.name)),
    name: input.name,
    isTranslationEnabled: input.isTranslationEnabled ?? false,
    controls: source.controls,
  });
  if (row.isTranslationEnabled) await copyLayoutTranslations(db, tenant, source.layoutId, row.layoutId);
  return row;
}

const orderColumns = {
  createdAt: layouts.createdAt,
  updatedAt: layouts.updatedAt,
  name: layouts.name,
} as const;

export async function listLayouts(db: Database, tenant: Tenant, query: ListLayoutsQuery) {
  const search = query.query ? `%${query.query}%` : undefined;
  const where: SQL | undefined = and(
    eq(layouts.environmentId, tenant.id),
    search ? or(like(layouts.name, search), like(layouts.layoutId, search)) : undefined,
  );
  const direction = query.orderDirection === "ASC" ? asc : desc;
  const [rows, [count]] = await Promise.all([
    db
      .select()
      .from(layouts)
      .where(where)
      .orderBy(direction(orderColumns[query.orderBy]), direction(layouts.id))
      .limit(query.limit)
      .offset(query.offset),
    db.select({ total: sql<number>`count(*)` }).from(layouts).where(where),
  ]);
  return { rows, totalCount: count?.total ?? 0 };
}
