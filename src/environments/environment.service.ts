import { and, asc, eq, ne } from "drizzle-orm";
import type { Tenant } from "../app-env";
import type { Database } from "../db/client";
import { apiKeys, type EnvironmentRow, environments, workflows } from "../db/schema";
import { HttpError } from "../http/http-error";
import { sha256Hex } from "../lib/crypto";
import { objectId, toHex } from "../lib/ids";
import { open, seal } from "../lib/secret-box";
import type { CreateEnvironmentInput, UpdateEnvironmentInput } from "./environment.schemas";

const randomHex = (bytes: number) => toHex(crypto.getRandomValues(new Uint8Array(bytes)));

export type EnvironmentWithKeys = { row: EnvironmentRow; keys: string[] };

/** A fresh secret key for an environment, stored as its hash and sealed copy; the caller sees it once. */
async function issueKey(env: Env, environmentId: string) {
  const secret = randomHex(16);
  const statement = {
    id: objectId(),
    environmentId,
    keyHash: await sha256Hex(secret),
    sealedKey: await seal(env, secret),
    createdAt: Date.now(),
  };
  return { secret, statement };
}

/** Keys are shown masked to their last four characters: the full key is only returned when it is issued. */
const mask = (key: string) => `${"*".repeat(Math.max(0, key.length - 4))}${key.slice(-4)}`;

async function keysOf(env: Env, db: Database, environmentId: string): Promise<string[]> {
  const rows = await db.select().from(apiKeys).where(eq(apiKeys.environmentId, environmentId));
  return Promise.all(
    rows.map(async (row) => (row.sealedKey ? mask(await open<string>(env, row.sealedKey)) : "****")),
  );
}

/** Environments are addressed by `_id` or by their identifier within the caller's organization. */
export async function getEnvironment(
  db: Database,
  tenant: Tenant,
  idOrIdentifier: string,
): Promise<EnvironmentRow> {
  const rows = await db
    .select()
    .from(environments)
    .where(eq(environments.organizationId, tenant.organizationId));
  const row = rows.find((r) => r.id === idOrIdentifier || r.identifier === idOrIdentifier);
  if (!row) throw HttpError.notFound(`Environment '${idOrIdentifier}' was not found`);
  return row;
}

export function listEnvironmentRows(db: Database, tenant: Tenant): Promise<EnvironmentRow[]> {
  return db
    .select()
    .from(environments)
    .where(eq(environments.organizationId, tenant.organizationId))
    .orderBy(asc(environments.createdAt));
}

export async function listEnvironments(
  env: Env,
  db: Database,
  tenant: Tenant,
): Promise<EnvironmentWithKeys[]> {
  const rows = await listEnvironmentRows(db, tenant);
  return Promise.all(rows.map(async (row) => ({ row, keys: await keysOf(env, db, row.id) })));
}

export async function createEnvironment(
  env: Env,
  db: Database,
  tenant: Tenant,
  input: CreateEnvironmentInput,
) {
  const now = Date.now();
  const id = objectId(now);
  const parent = input.parentId ? await getEnvironment(db, tenant, input.parentId) : undefined;
  const { secret, statement } = await issueKey(env, id);
  const [row] = await db.batch([
    db
      .insert(environments)
      .values({
        id,
        organizationId: tenant.organizationId,
        name: input.name,
        type: "prod",
        identifier: randomHex(6),
        color: input.color,
        parentId: parent?.id ?? null,
        createdAt: now,
        updatedAt: now,
      })
      .returning(),
    db.insert(apiKeys).values(statement),
  ]);
  const created = row[0];
  if (!created) throw new Error("environment insert returned no row");
  return { row: created, keys: [secret] };
}

export async function updateEnvironment(
  env: Env,
  db: Database,
  tenant: Tenant,
  idOrIdentifier: string,
  input: UpdateEnvironmentInput,
): Promise<EnvironmentWithKeys> {
  const existing = await getEnvironment(db, tenant, idOrIdentifier);
  if (input.identifier) {
    const [taken] = await db
      .select({ id: environments.id })
      .from(environments)
      .where(and(eq(environments.identifier, input.identifier), ne(environments.id, existing.id)));
    if (taken) throw HttpError.conflict(`The identifier '${input.identifier}' is already in use`);
  }
  const [row] = await db
    .update(environments)
    .set({
      name: input.name,
      identifier: input.identifier,
      color: input.color,
      parentId: input.parentId,
      bridgeUrl: input.bridge?.url,
      updatedAt: Date.now(),
    })
    .where(eq(environments.id, existing.id))
    .returning();
  if (!row) throw HttpError.notFound(`Environment '${idOrIdentifier}' was not found`);
  return { row, keys: await keysOf(env, db, row.id) };
}

/** Refuses to delete the environment the calling key belongs to, or the organization's development one. */
export async function deleteEnvironment(db: Database, tenant: Tenant, idOrIdentifier: string): Promise<void> {
  const row = await getEnvironment(db, tenant, idOrIdentifier);
  if (row.id === tenant.id)
    throw HttpError.badRequest("An environment cannot delete itself: use another environment's key");
  if (row.type === "dev") throw HttpError.badRequest("The development environment cannot be deleted");
  await db.delete(environments).where(eq(environments.id, row.id));
}

/** Replaces the caller's secret key: the old one stops working at once. */
export async function regenerateKey(env: Env, db: Database, tenant: Tenant): Promise<string> {
  const { secret, statement } = await issueKey(env, tenant.id);
  await db.batch([
    db.delete(apiKeys).where(eq(apiKeys.environmentId, tenant.id)),
    db.insert(apiKeys).values(statement),
  ]);
  return secret;
}

/** The distinct workflow tags of an environment of the organization. */
export async function environmentTags(
  db: Database,
  tenant: Tenant,
  idOrIdentifier: string,
): Promise<string[]> {
  const row = await getEnvironment(db, tenant, idOrIdentifier);
  const rows = await db
    .select({ tags: workflows.tags })
    .from(workflows)
    .where(eq(workflows.environmentId, row.id));
  return [...new Set(rows.flatMap((r) => r.tags))].sort();
}

export function toEnvironmentDto({ row, keys }: EnvironmentWithKeys) {
  return {
    _id: row.id,
    name: row.name,
    _organizationId: row.organizationId,
    identifier: row.identifier,
    type: row.type,
    apiKeys: keys.map((key) => ({ key, _userId: "api" })),
    _parentId: row.parentId ?? undefined,
    slug: row.name.toLowerCase().replace(/[^a-z0-9]+/g, "-"),
    color: row.color ?? undefined,
    bridge: row.bridgeUrl ? { url: row.bridgeUrl } : undefined,
  };
}
