import { and, eq, inArray, or } from "drizzle-orm";
import type { Tenant } from "../app-env";
import type { Database } from "../db/client";
import { layouts, translations, type WorkflowRow } from "../db/schema";
import type { TriggerOverrides } from "../engine/run.types";
import { type RunVariables, runVariables } from "../environment-variables/environment-variable.service";
import { emailLayouts, namedLayouts } from "../layouts/layout.delivery";
import type { WorkflowTranslations } from "../translations/translation.delivery";
import { defaultLocale } from "../translations/translation.master";

/** What a trigger reads once for all its recipients, so no Durable Object reads D1 for a step. */
export type RunResources = {
  layouts?: Record<string, string | null>;
  translations?: WorkflowTranslations;
  /** `{{env.KEY}}` values of the environment, secrets still sealed. */
  env?: RunVariables;
};

/** Reading the environment variables is only worth it when some step's controls name one. */
const mentionsVariables = (workflow: WorkflowRow) => /\benv\.[A-Za-z_]/.test(JSON.stringify(workflow.steps));

function readLayouts(
  db: Database,
  environmentId: string,
  workflow: WorkflowRow,
  overrides: TriggerOverrides,
) {
  const named = namedLayouts(workflow.steps, overrides);
  return db
    .select({
      id: layouts.id,
      layoutId: layouts.layoutId,
      isDefault: layouts.isDefault,
      controls: layouts.controls,
    })
    .from(layouts)
    .where(
      and(
        eq(layouts.environmentId, environmentId),
        named.length > 0
          ? or(eq(layouts.isDefault, true), inArray(layouts.layoutId, named), inArray(layouts.id, named))
          : eq(layouts.isDefault, true),
      ),
    );
}

function readTranslations(db: Database, environmentId: string, workflow: WorkflowRow) {
  return db
    .select({ locale: translations.locale, content: translations.content })
    .from(translations)
    .where(
      and(
        eq(translations.environmentId, environmentId),
        eq(translations.resourceType, "workflow"),
        eq(translations.resourceId, workflow.workflowId),
      ),
    );
}

/**
 * The email layouts and translations of a dashboard workflow, read side by side, each only when the workflow uses
 * it. Code-first workflows get neither: their bridge renders the content.
 */
export async function loadRunResources(
  db: Database,
  tenant: Pick<Tenant, "id" | "organizationId">,
  workflow: WorkflowRow,
  overrides: TriggerOverrides,
): Promise<RunResources> {
  if (workflow.origin === "external") return {};
  const sendsEmail = workflow.steps.some((step) => step.type === "email");
  const [layoutRows, translationRows, env] = await Promise.all([
    sendsEmail ? readLayouts(db, tenant.id, workflow, overrides) : undefined,
    workflow.isTranslationEnabled ? readTranslations(db, tenant.id, workflow) : undefined,
    mentionsVariables(workflow) ? runVariables(db, tenant) : undefined,
  ]);
  return {
    ...(env ? { env } : {}),
    ...(layoutRows ? { layouts: emailLayouts(workflow.steps, overrides, layoutRows) } : {}),
    ...(translationRows
      ? {
          translations: {
            defaultLocale,
            locales: Object.fromEntries(translationRows.map((row) => [row.locale, row.content])),
          },
        }
      : {}),
  };
}
