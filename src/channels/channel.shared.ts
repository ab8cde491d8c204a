import { z } from "@hono/zod-openapi";
import { and, eq, isNull, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import type { Tenant } from "../app-env";
import { canonicalKeys } from "../contexts/context.mapper";
import { contextKeysQuery } from "../contexts/context.schemas";
import type { Database } from "../db/client";
import { type IntegrationRow, integrations } from "../db/schema";
import { HttpError } from "../http/http-error";
import { cursorQuery } from "../http/pagination";
import { toHex } from "../lib/ids";
import { ensureSubscribers, findSubscriber } from "../subscribers/subscriber.service";
import { channelTypes } from "../workflows/workflow.types";

/** A caller-chosen identifier of a connection or endpoint; generated when absent. */
export const resourceIdentifier = z.string().trim().min(1).max(255);

export const identifierParam = z.object({
  identifier: z
    .string()
    .min(1)
    .openapi({ param: { name: "identifier", in: "path" }, description: "The unique identifier" }),
});

/** The filters both channel lists share (cursor paging + resource, integration and context). */
export const channelListQuery = cursorQuery.extend({
  orderBy: z.enum(["createdAt", "updatedAt"]).default("createdAt"),
  subscriberId: z.string().optional(),
  channel: z.enum(channelTypes).optional(),
  providerId: z.string().optional(),
  integrationIdentifier: z.string().optional(),
  contextKeys: contextKeysQuery,
});
export type ChannelListQuery = z.infer<typeof channelListQuery>;

/** The conditions of {@link channelListQuery} over a table with the shared columns. */
export function channelListFilters(
  table: {
    subscriberId: SQLiteColumn;
    channel: SQLiteColumn;
    providerId: SQLiteColumn;
    integrationIdentifier: SQLiteColumn;
    contextKeys: SQLiteColumn;
  },
  query: ChannelListQuery,
): Array<SQL | undefined> {
  return [
    query.subscriberId ? eq(table.subscriberId, query.subscriberId) : undefined,
    query.channel ? eq(table.channel, query.channel) : undefined,
    query.providerId ? eq(table.providerId, query.providerId) : undefined,
    query.integrationIdentifier ? eq(table.integrationIdentifier, query.integrationIdentifier) : undefined,
    // Stored keys are unique and sorted, so an exact, order-insensitive match is one comparison.
    query.contextKeys ? eq(table.contextKeys, canonicalKeys(query.contextKeys)) : undefined,
  ];
}

export const nullableEq = (column: SQLiteColumn, value: string | null | undefined) =>
  value ? eq(column, value) : isNull(column);

/** The environment's integration named by `identifier`: a connection or endpoint belongs to one. */
export async function integrationByIdentifier(
  db: Database,
  tenant: Tenant,
  identifier: string,
): Promise<IntegrationRow> {
  const [row] = await db
    .select()
    .from(integrations)
    .where(and(eq(integrations.environmentId, tenant.id), eq(integrations.identifier, identifier)))
    .limit(1);
  if (!row) throw HttpError.notFound(`Integration not found: ${identifier}`);
  return row;
}

/** 404 for an unknown subscriber, unless the caller asked for it to be created. */
export async function assertSubscriber(
  db: Database,
  tenant: Tenant,
  subscriberId: string,
  createIfMissing = false,
): Promise<void> {
  if (await findSubscriber(db, tenant, subscriberId)) return;
  if (!createIfMissing) throw HttpError.notFound(`Subscriber not found: ${subscriberId}`);
  await ensureSubscribers(db, tenant, [{ subscriberId }]);
}

/** `<prefix><random hex>`, as Novu's `chconn-xxxxxx` / `chendp_xxxxxxxxxxxx`. */
export function generatedIdentifier(prefix: string, length: number): string {
  return prefix + toHex(crypto.getRandomValues(new Uint8Array(Math.ceil(length / 2)))).slice(0, length);
}
