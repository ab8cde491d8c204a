import { and, asc, count, eq } from "drizzle-orm";
import type { Tenant } from "../app-env";
import type { Database } from "../db/client";
import { type WebhookEndpointRow, webhookEndpoints } from "../db/schema";
import { HttpError } from "../http/http-error";
import { objectId } from "../lib/ids";
import { seal } from "../lib/secret-box";
import { newSigningSecret } from "./signature";
import {
  type CreateWebhookEndpointInput,
  maxEndpointsPerEnvironment,
  type UpdateWebhookEndpointInput,
} from "./webhook.schemas";

const scoped = (tenant: Tenant, id: string) =>
  and(eq(webhookEndpoints.environmentId, tenant.id), eq(webhookEndpoints.id, id));

export function listEndpoints(db: Database, tenant: Tenant): Promise<WebhookEndpointRow[]> {
  return db
    .select()
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.environmentId, tenant.id))
    .orderBy(asc(webhookEndpoints.id));
}

export async function getEndpoint(db: Database, tenant: Tenant, id: string): Promise<WebhookEndpointRow> {
  const [row] = await db.select().from(webhookEndpoints).where(scoped(tenant, id)).limit(1);
  if (!row) throw HttpError.notFound(`Webhook endpoint with id '${id}' not found`);
  return row;
}

/** Creates an endpoint with a fresh signing secret, returned here in clear and then only sealed in D1. */
export async function createEndpoint(
  env: Env,
  db: Database,
  tenant: Tenant,
  input: CreateWebhookEndpointInput,
): Promise<{ row: WebhookEndpointRow; secret: string }> {
  const [existing] = await db
    .select({ n: count() })
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.environmentId, tenant.id));
  if ((existing?.n ?? 0) >= maxEndpointsPerEnvironment) {
    throw HttpError.badRequest(
      `An environment can have at most ${maxEndpointsPerEnvironment} webhook endpoints`,
    );
  }
  const secret = newSigningSecret();
  const now = Date.now();
  const [row] = await db
    .insert(webhookEndpoints)
    .values({
      id: objectId(now),
      environmentId: tenant.id,
      url: input.url,
      description: input.description ?? null,
      eventTypes: input.eventTypes ?? [],
      active: input.active ?? true,
      secret: await seal(env, secret),
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (!row) throw new Error("webhook endpoint insert returned no row");
  return { row, secret };
}

export async function updateEndpoint(
  db: Database,
  tenant: Tenant,
  id: string,
  input: UpdateWebhookEndpointInput,
): Promise<WebhookEndpointRow> {
  const [row] = await db
    .update(webhookEndpoints)
    .set({
      ...(input.url !== undefined ? { url: input.url } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.eventTypes !== undefined ? { eventTypes: input.eventTypes } : {}),
      ...(input.active !== undefined ? { active: input.active } : {}),
      updatedAt: Date.now(),
    })
    .where(scoped(tenant, id))
    .returning();
  if (!row) throw HttpError.notFound(`Webhook endpoint with id '${id}' not found`);
  return row;
}

/** Replaces the signing secret; events signed from now on use the new one. */
export async function rotateSecret(
  env: Env,
  db: Database,
  tenant: Tenant,
  id: string,
): Promise<{ row: WebhookEndpointRow; secret: string }> {
  const secret = newSigningSecret();
  const [row] = await db
    .update(webhookEndpoints)
    .set({ secret: await seal(env, secret), updatedAt: Date.now() })
    .where(scoped(tenant, id))
    .returning();
  if (!row) throw HttpError.notFound(`Webhook endpoint with id '${id}' not found`);
  return { row, secret };
}

export async function deleteEndpoint(db: Database, tenant: Tenant, id: string): Promise<void> {
  const deleted = await db
    .delete(webhookEndpoints)
    .where(scoped(tenant, id))
    .returning({ id: webhookEndpoints.id });
  if (deleted.length === 0) throw HttpError.notFound(`Webhook endpoint with id '${id}' not found`);
}
