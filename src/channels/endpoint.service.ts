import { and, eq } from "drizzle-orm";
import type { Tenant } from "../app-env";
import { resolveContextPayload } from "../contexts/context.service";
import type { Database } from "../db/client";
import { cursorPage } from "../db/cursor-page";
import { type ChannelEndpointRow, channelConnections, channelEndpoints } from "../db/schema";
import { HttpError } from "../http/http-error";
import { fieldErrors } from "../http/router";
import { objectId } from "../lib/ids";
import {
  assertSubscriber,
  channelListFilters,
  generatedIdentifier,
  integrationByIdentifier,
} from "./channel.shared";
import {
  type CreateEndpointInput,
  type EndpointType,
  endpointShapes,
  type ListEndpointsQuery,
} from "./endpoint.schemas";

const scoped = (tenant: Tenant, identifier: string) =>
  and(eq(channelEndpoints.environmentId, tenant.id), eq(channelEndpoints.identifier, identifier));
const notFound = (identifier: string) =>
  HttpError.notFound(`Channel endpoint with identifier '${identifier}' not found`);

export async function getEndpoint(
  db: Database,
  tenant: Tenant,
  identifier: string,
): Promise<ChannelEndpointRow> {
  const [row] = await db.select().from(channelEndpoints).where(scoped(tenant, identifier)).limit(1);
  if (!row) throw notFound(identifier);
  return row;
}

/** Creates an endpoint of a subscriber on an integration (and optionally a connection of that integration). */
export async function createEndpoint(db: Database, tenant: Tenant, input: CreateEndpointInput) {
  const integration = await integrationByIdentifier(db, tenant, input.integrationIdentifier);
  if (input.connectionIdentifier) {
    const [connection] = await db
      .select({ id: channelConnections.id })
      .from(channelConnections)
      .where(
        and(
          eq(channelConnections.environmentId, tenant.id),
          eq(channelConnections.integrationIdentifier, integration.identifier),
          eq(channelConnections.identifier, input.connectionIdentifier),
        ),
      )
      .limit(1);
    if (!connection) throw HttpError.notFound(`Channel connection not found: ${input.connectionIdentifier}`);
  }
  await assertSubscriber(db, tenant, input.subscriberId, input.createSubscriberIfMissing);
  const contextKeys = await resolveContextPayload(db, tenant, input.context);

  const identifier = input.identifier ?? generatedIdentifier("chendp_", 12);
  const now = Date.now();
  const [row] = await db
    .insert(channelEndpoints)
    .values({
      id: objectId(now),
      environmentId: tenant.id,
      identifier,
      channel: integration.channel,
      providerId: integration.providerId,
      integrationIdentifier: integration.identifier,
      connectionIdentifier: input.connectionIdentifier ?? null,
      subscriberId: input.subscriberId,
      contextKeys,
      type: input.type,
      endpoint: input.endpoint,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing()
    .returning();
  if (!row) throw HttpError.conflict(`Channel endpoint with identifier "${identifier}" already exists`);
  return row;
}

/** Replaces the endpoint payload, which must have the shape of the endpoint's existing type (422 otherwise). */
export async function updateEndpoint(
  db: Database,
  tenant: Tenant,
  identifier: string,
  endpoint: Record<string, unknown>,
): Promise<ChannelEndpointRow> {
  const existing = await getEndpoint(db, tenant, identifier);
  const shape = endpointShapes[existing.type as EndpointType];
  if (!shape) throw new Error(`channel endpoint ${existing.id} has unknown type ${existing.type}`);
  const parsed = shape.safeParse(endpoint);
  if (!parsed.success) {
    const errors = Object.fromEntries(
      Object.entries(fieldErrors(parsed.error)).map(([field, error]) => [
        field === "body" ? "endpoint" : `endpoint.${field}`,
        error,
      ]),
    );
    throw HttpError.validation(errors);
  }
  const [row] = await db
    .update(channelEndpoints)
    .set({ endpoint: parsed.data, updatedAt: Date.now() })
    .where(scoped(tenant, identifier))
    .returning();
  if (!row) throw notFound(identifier);
  return row;
}

export async function deleteEndpoint(db: Database, tenant: Tenant, identifier: string): Promise<void> {
  const removed = await db
    .delete(channelEndpoints)
    .where(scoped(tenant, identifier))
    .returning({ id: channelEndpoints.id });
  if (removed.length === 0) throw notFound(identifier);
}

export function listEndpoints(db: Database, tenant: Tenant, query: ListEndpointsQuery) {
  const where = and(
    eq(channelEndpoints.environmentId, tenant.id),
    ...channelListFilters(channelEndpoints, query),
    query.connectionIdentifier
      ? eq(channelEndpoints.connectionIdentifier, query.connectionIdentifier)
      : undefined,
  );
  const sortColumn = query.orderBy === "updatedAt" ? channelEndpoints.updatedAt : channelEndpoints.createdAt;
  return cursorPage(db, channelEndpoints, sortColumn, where, query);
}
