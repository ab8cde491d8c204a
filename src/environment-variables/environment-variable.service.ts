import { and, eq, like } from "drizzle-orm";
import type { Tenant } from "../app-env";
import type { Database } from "../db/client";
import {
  type EnvironmentVariableRow,
  type EnvironmentVariableValue,
  environments,
  environmentVariables,
  workflows,
} from "../db/schema";
import { HttpError } from "../http/http-error";
import { objectId } from "../lib/ids";
import { open, seal } from "../lib/secret-box";
import { toIso } from "../lib/time";
import type { CreateVariableInput, UpdateVariableInput, VariableDto } from "./environment-variable.schemas";

const masked = "••••••••";

/** Values may only name environments of the caller's organization; a secret's values are sealed before storage. */
async function storedValues(
  env: Env,
  db: Database,
  tenant: Tenant,
  values: Array<{ _environmentId: string; value: string }>,
  isSecret: boolean,
): Promise<EnvironmentVariableValue[]> {
  const known = await db
    .select({ id: environments.id })
    .from(environments)
    .where(eq(environments.organizationId, tenant.organizationId));
  const unknown = values.find((v) => !known.some((k) => k.id === v._environmentId));
  if (unknown)
    throw HttpError.badRequest(`Environment '${unknown._environmentId}' is not in this organization`);
  return Promise.all(
    values.map(async (v) => ({
      environmentId: v._environmentId,
      value: isSecret ? await seal(env, v.value) : v.value,
    })),
  );
}

export function toVariableDto(row: EnvironmentVariableRow): VariableDto {
  return {
    _id: row.id,
    _organizationId: row.organizationId,
    key: row.key,
    type: "string",
    isSecret: row.isSecret,
    values: row.values.map((v) => ({
      _environmentId: v.environmentId,
      value: row.isSecret ? masked : v.value,
    })),
    createdAt: toIso(row.createdAt),
    updatedAt: toIso(row.updatedAt),
  };
}

async function findVariable(db: Database, tenant: Tenant, key: string): Promise<EnvironmentVariableRow> {
  const [row] = await db
    .select()
    .from(environmentVariables)
    .where(
      and(eq(environmentVariables.organizationId, tenant.organizationId), eq(environmentVariables.key, key)),
    )
    .limit(1);
  if (!row) throw HttpError.notFound(`Environment variable '${key}' was not found`);
  return row;
}

export async function createVariable(env: Env, db: Database, tenant: Tenant, input: CreateVariableInput) {
  const now = Date.now();
  const isSecret = input.isSecret ?? false;
  const [row] = await db
    .insert(environmentVariables)
    .values({
      id: objectId(now),
      organizationId: tenant.organizationId,
      key: input.key,
      isSecret,
      values: await storedValues(env, db, tenant, input.values ?? [], isSecret),
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing()
    .returning();
  if (!row) throw HttpError.conflict(`Environment variable '${input.key}' already exists`);
  return row;
}

export async function listVariables(db: Database, tenant: Tenant, search?: string) {
  return db
    .select()
    .from(environmentVariables)
    .where(
      and(
        eq(environmentVariables.organizationId, tenant.organizationId),
        search ? like(environmentVariables.key, `%${search}%`) : undefined,
      ),
    )
    .orderBy(environmentVariables.key);
}

export const getVariable = findVariable;

/**
 * Changes a variable. Values given replace the stored ones per environment; turning a plain variable into a secret
 * seals its stored values, and a secret cannot be turned back (its values are not readable any more).
 */
export async function updateVariable(
  env: Env,
  db: Database,
  tenant: Tenant,
  key: string,
  input: UpdateVariableInput,
): Promise<EnvironmentVariableRow> {
  const existing = await findVariable(db, tenant, key);
  if (existing.isSecret && input.isSecret === false)
    throw HttpError.badRequest("A secret variable cannot be made public; delete and recreate it");
  const isSecret = input.isSecret ?? existing.isSecret;
  let values = existing.values;
  if (isSecret && !existing.isSecret) {
    values = await Promise.all(values.map(async (v) => ({ ...v, value: await seal(env, v.value) })));
  }
  if (input.values) {
    const incoming = await storedValues(env, db, tenant, input.values, isSecret);
    values = [
      ...values.filter((v) => !incoming.some((i) => i.environmentId === v.environmentId)),
      ...incoming,
    ];
  }
  const [row] = await db
    .update(environmentVariables)
    .set({ key: input.key ?? existing.key, isSecret, values, updatedAt: Date.now() })
    .where(eq(environmentVariables.id, existing.id))
    .returning()
    .catch((error: unknown) => {
      if (String(error).includes("UNIQUE"))
        throw HttpError.conflict(`Environment variable '${input.key}' already exists`);
      throw error;
    });
  if (!row) throw HttpError.notFound(`Environment variable '${key}' was not found`);
  return row;
}

export async function deleteVariable(db: Database, tenant: Tenant, key: string): Promise<void> {
  const row = await findVariable(db, tenant, key);
  await db.delete(environmentVariables).where(eq(environmentVariables.id, row.id));
}

/** The caller's environment's workflows whose step controls mention `env.<key>`. */
export async function variableUsage(db: Database, tenant: Tenant, key: string) {
  const row = await findVariable(db, tenant, key);
  const mention = new RegExp(`\\benv\\.${row.key}\\b`);
  const rows = await db
    .select({ name: workflows.name, workflowId: workflows.workflowId, steps: workflows.steps })
    .from(workflows)
    .where(eq(workflows.environmentId, tenant.id));
  return rows
    .filter((w) => mention.test(JSON.stringify(w.steps)))
    .map(({ name, workflowId }) => ({ name, workflowId }));
}

/** An environment's variables as a run carries them: secrets stay sealed until the step that renders them. */
export type RunVariables = Record<string, { value: string; sealed: boolean }>;

export async function runVariables(db: Database, tenant: Pick<Tenant, "id" | "organizationId">) {
  const rows = await db
    .select()
    .from(environmentVariables)
    .where(eq(environmentVariables.organizationId, tenant.organizationId));
  const variables: RunVariables = {};
  for (const row of rows) {
    const value = row.values.find((v) => v.environmentId === tenant.id);
    if (value) variables[row.key] = { value: value.value, sealed: row.isSecret };
  }
  return variables;
}

/** `{{env.KEY}}`: the run's variables in clear, for rendering only. */
export async function openVariables(env: Env, variables: RunVariables = {}): Promise<Record<string, string>> {
  const entries = await Promise.all(
    Object.entries(variables).map(
      async ([key, { value, sealed }]) => [key, sealed ? await open<string>(env, value) : value] as const,
    ),
  );
  return Object.fromEntries(entries);
}
