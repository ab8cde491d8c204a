import { and, desc, eq, ne } from "drizzle-orm";
import type { Tenant } from "../app-env";
import type { Database } from "../db/client";
import { type IntegrationRow, integrations } from "../db/schema";
import { HttpError } from "../http/http-error";
import { objectId } from "../lib/ids";
import { open, seal } from "../lib/secret-box";
import { slugify } from "../workflows/workflow.service";
import type { ChannelType } from "../workflows/workflow.types";
import type {
  CreateIntegrationInput,
  IntegrationCredentials,
  UpdateIntegrationInput,
} from "./integration.schemas";

/** Email and SMS route through one primary integration; push and chat use every active one. */
const hasPrimary = (channel: ChannelType) => channel === "email" || channel === "sms";

export type IntegrationWithCredentials = { row: IntegrationRow; credentials: IntegrationCredentials };

async function withCredentials(env: Env, row: IntegrationRow): Promise<IntegrationWithCredentials> {
  return { row, credentials: await open<IntegrationCredentials>(env, row.credentials) };
}

function scoped(tenant: Tenant, id: string) {
  return and(eq(integrations.environmentId, tenant.id), eq(integrations.id, id));
}

export async function listIntegrations(
  env: Env,
  db: Database,
  tenant: Tenant,
  options: { activeOnly: boolean },
) {
  const rows = await db
    .select()
    .from(integrations)
    .where(
      and(
        eq(integrations.environmentId, tenant.id),
        options.activeOnly ? eq(integrations.active, true) : undefined,
      ),
    )
    .orderBy(desc(integrations.createdAt), desc(integrations.id));
  return Promise.all(rows.map((row) => withCredentials(env, row)));
}

export async function getIntegration(env: Env, db: Database, tenant: Tenant, id: string) {
  const [row] = await db.select().from(integrations).where(scoped(tenant, id)).limit(1);
  if (!row) throw HttpError.notFound(`Integration '${id}' was not found`);
  return withCredentials(env, row);
}

/**
 * Keeps "exactly one primary among the active email (or SMS) integrations" true after any change: a primary that
 * went inactive hands over to the most recent active one, and a channel without a primary gets one.
 */
async function settlePrimary(db: Database, tenant: Tenant, channel: ChannelType) {
  if (!hasPrimary(channel)) return;
  const inChannel = and(eq(integrations.environmentId, tenant.id), eq(integrations.channel, channel));
  await db
    .update(integrations)
    .set({ primary: false })
    .where(and(inChannel, eq(integrations.active, false)));
  const [primary] = await db
    .select({ id: integrations.id })
    .from(integrations)
    .where(and(inChannel, eq(integrations.primary, true)))
    .limit(1);
  if (primary) return;
  const [next] = await db
    .select({ id: integrations.id })
    .from(integrations)
    .where(and(inChannel, eq(integrations.active, true)))
    .orderBy(desc(integrations.updatedAt), desc(integrations.id))
    .limit(1);
  if (next) await db.update(integrations).set({ primary: true }).where(eq(integrations.id, next.id));
}

async function clearOtherFallbacks(db: Database, tenant: Tenant, row: IntegrationRow) {
  if (!row.fallback) return;
  await db
    .update(integrations)
    .set({ fallback: false })
    .where(
      and(
        eq(integrations.environmentId, tenant.id),
        eq(integrations.channel, row.channel),
        ne(integrations.id, row.id),
      ),
    );
}

export async function createIntegration(
  env: Env,
  db: Database,
  tenant: Tenant,
  input: CreateIntegrationInput,
) {
  const now = Date.now();
  const name = input.name ?? input.providerId;
  const [row] = await db
    .insert(integrations)
    .values({
      id: objectId(now),
      environmentId: tenant.id,
      organizationId: tenant.organizationId,
      providerId: input.providerId,
      channel: input.channel,
      name,
      identifier: input.identifier ?? `${slugify(name)}-${objectId().slice(-6)}`,
      credentials: await seal(env, input.credentials ?? {}),
      configurations: input.configurations ?? {},
      conditions: input.conditions ?? [],
      active: input.active ?? false,
      primary: false,
      fallback: input.fallback ?? false,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing()
    .returning();
  if (!row) throw HttpError.conflict(`An integration with identifier '${input.identifier}' already exists`);
  await clearOtherFallbacks(db, tenant, row);
  await settlePrimary(db, tenant, row.channel);
  return getIntegration(env, db, tenant, row.id);
}

export async function updateIntegration(
  env: Env,
  db: Database,
  tenant: Tenant,
  id: string,
  input: UpdateIntegrationInput,
) {
  const existing = await getIntegration(env, db, tenant, id);
  const [row] = await db
    .update(integrations)
    .set({
      name: input.name,
      identifier: input.identifier,
      credentials: input.credentials ? await seal(env, input.credentials) : undefined,
      configurations: input.configurations,
      conditions: input.conditions,
      active: input.active,
      fallback: input.fallback,
      updatedAt: Date.now(),
    })
    .where(scoped(tenant, id))
    .returning();
  if (!row) throw HttpError.notFound(`Integration '${id}' was not found`);
  await clearOtherFallbacks(db, tenant, row);
  await settlePrimary(db, tenant, existing.row.channel);
  return getIntegration(env, db, tenant, id);
}

export async function deleteIntegration(env: Env, db: Database, tenant: Tenant, id: string) {
  const [row] = await db.delete(integrations).where(scoped(tenant, id)).returning();
  if (!row) throw HttpError.notFound(`Integration '${id}' was not found`);
  await settlePrimary(db, tenant, row.channel);
  return listIntegrations(env, db, tenant, { activeOnly: false });
}

export async function setPrimaryIntegration(env: Env, db: Database, tenant: Tenant, id: string) {
  const { row } = await getIntegration(env, db, tenant, id);
  if (!hasPrimary(row.channel)) {
    throw HttpError.badRequest(
      `Only email and sms integrations have a primary; ${row.channel} uses every active one`,
    );
  }
  const now = Date.now();
  await db.batch([
    db
      .update(integrations)
      .set({ primary: false })
      .where(and(eq(integrations.environmentId, tenant.id), eq(integrations.channel, row.channel))),
    db
      .update(integrations)
      .set({ primary: true, active: true, updatedAt: now })
      .where(eq(integrations.id, id)),
  ]);
  return getIntegration(env, db, tenant, id);
}

/**
 * The integrations a send on `channel` goes through, in order: the primary (email, sms) or every active one
 * (push, chat), then the fallback if one is set.
 */
export async function deliveryRoute(env: Env, db: Database, environmentId: string, channel: ChannelType) {
  const rows = await db
    .select()
    .from(integrations)
    .where(and(eq(integrations.environmentId, environmentId), eq(integrations.channel, channel)));
  const main = rows.filter((row) => row.active && (hasPrimary(channel) ? row.primary : !row.fallback));
  const fallback = rows.find((row) => row.fallback && row.active && !main.includes(row));
  return {
    main: await Promise.all(main.map((row) => withCredentials(env, row))),
    fallback: fallback ? await withCredentials(env, fallback) : undefined,
  };
}
