import { and, eq } from "drizzle-orm";
import type { Tenant } from "../app-env";
import { resolveContextPayload } from "../contexts/context.service";
import type { Database } from "../db/client";
import { cursorPage } from "../db/cursor-page";
import { type ChannelConnectionRow, channelConnections } from "../db/schema";
import { HttpError } from "../http/http-error";
import { objectId } from "../lib/ids";
import { open, seal } from "../lib/secret-box";
import {
  assertSubscriber,
  type ChannelListQuery,
  channelListFilters,
  generatedIdentifier,
  integrationByIdentifier,
  nullableEq,
} from "./channel.shared";
import type { ConnectionAuth, CreateConnectionInput, UpdateConnectionInput } from "./connection.schemas";

export type ConnectionWithAuth = { row: ChannelConnectionRow; auth: ConnectionAuth };

/** Decrypts a connection's auth: for the handlers (masked on the way out) and for delivery. */
export async function withAuth(env: Env, row: ChannelConnectionRow): Promise<ConnectionWithAuth> {
  return { row, auth: await open<ConnectionAuth>(env, row.auth) };
}

export async function findConnection(db: Database, tenant: Tenant, identifier: string) {
  const [row] = await db
    .select()
    .from(channelConnections)
    .where(
      and(eq(channelConnections.environmentId, tenant.id), eq(channelConnections.identifier, identifier)),
    )
    .limit(1);
  return row;
}

export async function getConnection(env: Env, db: Database, tenant: Tenant, identifier: string) {
  const row = await findConnection(db, tenant, identifier);
  if (!row) throw HttpError.notFound(`Channel connection with identifier '${identifier}' not found`);
  return withAuth(env, row);
}

/**
 * Creates a connection of a subscriber and/or a context set to an integration. One connection per integration and
 * resource (subscriber + exact context set): another one is a 409, as is a taken identifier.
 */
export async function createConnection(env: Env, db: Database, tenant: Tenant, input: CreateConnectionInput) {
  if (!input.subscriberId && !input.context)
    throw HttpError.badRequest("Either subscriberId or context must be provided");
  const integration = await integrationByIdentifier(db, tenant, input.integrationIdentifier);
  if (input.subscriberId) await assertSubscriber(db, tenant, input.subscriberId);
  const contextKeys = await resolveContextPayload(db, tenant, input.context);

  const [existing] = await db
    .select({ identifier: channelConnections.identifier })
    .from(channelConnections)
    .where(
      and(
        eq(channelConnections.environmentId, tenant.id),
        eq(channelConnections.integrationIdentifier, integration.identifier),
        nullableEq(channelConnections.subscriberId, input.subscriberId),
        eq(channelConnections.contextKeys, contextKeys),
      ),
    )
    .limit(1);
  if (existing) {
    const who = input.subscriberId ? `subscriberId "${input.subscriberId}"` : "no subscriberId";
    const where = contextKeys.length > 0 ? `context [${contextKeys.join(", ")}]` : "no context";
    throw HttpError.conflict(
      `A channel connection already exists for integration "${integration.identifier}" with ${who} and ${where}. Connection ID: ${existing.identifier}`,
    );
  }

  const identifier = input.identifier ?? generatedIdentifier("chconn-", 6);
  const now = Date.now();
  const [row] = await db
    .insert(channelConnections)
    .values({
      id: objectId(now),
      environmentId: tenant.id,
      identifier,
      channel: integration.channel,
      providerId: integration.providerId,
      integrationIdentifier: integration.identifier,
      subscriberId: input.subscriberId ?? null,
      contextKeys,
      workspace: input.workspace,
      auth: await seal(env, input.auth),
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing()
    .returning();
  if (!row) throw HttpError.conflict(`Channel connection with identifier "${identifier}" already exists`);
  return { row, auth: input.auth };
}

/** Replaces the workspace and the auth (a token rotation). */
export async function updateConnection(
  env: Env,
  db: Database,
  tenant: Tenant,
  identifier: string,
  input: UpdateConnectionInput,
): Promise<ConnectionWithAuth> {
  const [row] = await db
    .update(channelConnections)
    .set({ workspace: input.workspace, auth: await seal(env, input.auth), updatedAt: Date.now() })
    .where(
      and(eq(channelConnections.environmentId, tenant.id), eq(channelConnections.identifier, identifier)),
    )
    .returning();
  if (!row) throw HttpError.notFound(`Channel connection with identifier '${identifier}' not found`);
  return { row, auth: input.auth };
}

export async function deleteConnection(db: Database, tenant: Tenant, identifier: string): Promise<void> {
  const removed = await db
    .delete(channelConnections)
    .where(
      and(eq(channelConnections.environmentId, tenant.id), eq(channelConnections.identifier, identifier)),
    )
    .returning({ id: channelConnections.id });
  if (removed.length === 0)
    throw HttpError.notFound(`Channel connection with identifier '${identifier}' not found`);
}

export async function listConnections(env: Env, db: Database, tenant: Tenant, query: ChannelListQuery) {
  const where = and(
    eq(channelConnections.environmentId, tenant.id),
    ...channelListFilters(channelConnections, query),
  );
  const sortColumn =
    query.orderBy === "updatedAt" ? channelConnections.updatedAt : channelConnections.createdAt;
  const page = await cursorPage(db, channelConnections, sortColumn, where, query);
  return { ...page, rows: await Promise.all(page.rows.map((row) => withAuth(env, row))) };
}
