import { and, eq } from "drizzle-orm";
import type { Tenant } from "../app-env";
import type { Database } from "../db/client";
import { integrations, type SubscriberChannel, type SubscriberRow, subscribers } from "../db/schema";
import { HttpError } from "../http/http-error";
import { getSubscriber } from "./subscriber.service";

export type CredentialsInput = SubscriberChannel;

const sameTarget = (a: SubscriberChannel, b: SubscriberChannel) =>
  a.providerId === b.providerId && (a.integrationIdentifier ?? null) === (b.integrationIdentifier ?? null);

/**
 * Sets a subscriber's push/chat credentials for one provider (and integration). `replace` (PUT) swaps them;
 * otherwise (PATCH) device tokens are appended without duplicates and other fields updated.
 */
export function mergeCredentials(
  channels: SubscriberChannel[],
  input: CredentialsInput,
  replace: boolean,
): SubscriberChannel[] {
  const existing = channels.find((c) => sameTarget(c, input));
  const others = channels.filter((c) => !sameTarget(c, input));
  if (replace || !existing) return [...others, input];
  const deviceTokens = [
    ...new Set([...(existing.credentials.deviceTokens ?? []), ...(input.credentials.deviceTokens ?? [])]),
  ];
  return [
    ...others,
    {
      ...existing,
      credentials: {
        ...existing.credentials,
        ...input.credentials,
        ...(deviceTokens.length ? { deviceTokens } : {}),
      },
    },
  ];
}

async function saveChannels(
  db: Database,
  tenant: Tenant,
  subscriberId: string,
  channels: SubscriberChannel[],
) {
  const [row] = await db
    .update(subscribers)
    .set({ channels, updatedAt: Date.now() })
    .where(and(eq(subscribers.environmentId, tenant.id), eq(subscribers.subscriberId, subscriberId)))
    .returning();
  if (!row) throw HttpError.notFound(`Subscriber '${subscriberId}' was not found`);
  return row;
}

export async function setCredentials(
  db: Database,
  tenant: Tenant,
  subscriberId: string,
  input: CredentialsInput,
  replace: boolean,
): Promise<SubscriberRow> {
  const subscriber = await getSubscriber(db, tenant, subscriberId);
  const [integration] = await db
    .select({ id: integrations.id })
    .from(integrations)
    .where(
      and(
        eq(integrations.environmentId, tenant.id),
        eq(integrations.providerId, input.providerId),
        input.integrationIdentifier ? eq(integrations.identifier, input.integrationIdentifier) : undefined,
      ),
    )
    .limit(1);
  // Novu refuses credentials no integration of the environment could ever deliver through.
  if (!integration) {
    throw HttpError.notFound(
      `Subscribers environment (${tenant.id}) do not have active ${input.providerId} integration.`,
    );
  }
  const channel = { ...input, _integrationId: integration.id };
  return saveChannels(db, tenant, subscriberId, mergeCredentials(subscriber.channels, channel, replace));
}

export async function removeCredentials(
  db: Database,
  tenant: Tenant,
  subscriberId: string,
  providerId: string,
) {
  const subscriber = await getSubscriber(db, tenant, subscriberId);
  const remaining = subscriber.channels.filter((c) => c.providerId !== providerId);
  if (remaining.length === subscriber.channels.length) {
    throw HttpError.notFound(`Subscriber '${subscriberId}' has no credentials for '${providerId}'`);
  }
  await saveChannels(db, tenant, subscriberId, remaining);
}

export async function setOnline(db: Database, tenant: Tenant, subscriberId: string, isOnline: boolean) {
  const now = Date.now();
  const [row] = await db
    .update(subscribers)
    .set({ isOnline, lastOnlineAt: now, updatedAt: now })
    .where(and(eq(subscribers.environmentId, tenant.id), eq(subscribers.subscriberId, subscriberId)))
    .returning();
  if (!row) throw HttpError.notFound(`Subscriber '${subscriberId}' was not found`);
  return row;
}
