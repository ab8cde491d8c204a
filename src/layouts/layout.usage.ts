import { and, asc, eq, sql } from "drizzle-orm";
import type { Tenant } from "../app-env";
import type { Database } from "../db/client";
import { type LayoutRow, translations, workflows } from "../db/schema";
import { objectId } from "../lib/ids";
import type { StoredStep } from "../workflows/workflow.types";

type LayoutRef = Pick<LayoutRow, "id" | "layoutId">;

function pointsAt(step: StoredStep, layout: LayoutRef): boolean {
  const ref = step.controlValues?.layoutId;
  return step.type === "email" && (ref === layout.layoutId || ref === layout.id);
}

/** Workflows with an email step whose `controlValues.layoutId` names the layout (its layoutId or `_id`). */
function usesLayout(tenant: Tenant, layout: LayoutRef) {
  return and(
    eq(workflows.environmentId, tenant.id),
    sql`exists (select 1 from json_each(${workflows.steps}) as step
      where json_extract(step.value, '$.type') = 'email'
        and json_extract(step.value, '$.controlValues.layoutId') in (${layout.layoutId}, ${layout.id}))`,
  );
}

export async function layoutUsage(db: Database, tenant: Tenant, layout: LayoutRef) {
  const rows = await db
    .select({ name: workflows.name, workflowId: workflows.workflowId })
    .from(workflows)
    .where(usesLayout(tenant, layout))
    .orderBy(asc(workflows.createdAt), asc(workflows.id));
  return { workflows: rows };
}

/**
 * The updates that remove `layoutId` from every email step pointing at the layout, as Novu does before deleting it;
 * returned rather than run, so the caller can batch them with the deletion.
 */
export async function unlinkStatements(db: Database, tenant: Tenant, layout: LayoutRef) {
  const rows = await db
    .select({ id: workflows.id, steps: workflows.steps })
    .from(workflows)
    .where(usesLayout(tenant, layout));
  const now = Date.now();
  return rows.map((row) => {
    const steps = row.steps.map((step) => {
      if (!pointsAt(step, layout)) return step;
      const { layoutId: _unlinked, ...controlValues } = step.controlValues;
      return { ...step, controlValues };
    });
    return db
      .update(workflows)
      .set({ steps, updatedAt: now })
      .where(and(eq(workflows.environmentId, tenant.id), eq(workflows.id, row.id)));
  });
}

/** Gives a duplicated layout the translations of its source, locale by locale. */
export async function copyLayoutTranslations(db: Database, tenant: Tenant, from: string, to: string) {
  const rows = await db
    .select()
    .from(translations)
    .where(
      and(
        eq(translations.environmentId, tenant.id),
        eq(translations.resourceType, "layout"),
        eq(translations.resourceId, from),
      ),
    );
  const now = Date.now();
  const inserts = rows.map((row) =>
    db
      .insert(translations)
      .values({ ...row, id: objectId(now), resourceId: to, createdAt: now, updatedAt: now })
      .onConflictDoNothing(),
  );
  const [first, ...rest] = inserts;
  if (first) await db.batch([first, ...rest]);
}
