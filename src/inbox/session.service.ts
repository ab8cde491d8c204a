import type { Tenant } from "../app-env";
import { signInboxToken } from "../auth/inbox-token";
import { resolveContextPayload } from "../contexts/context.service";
import { database } from "../db/client";
import { tenantByApplicationIdentifier } from "../environments/tenant";
import { HttpError } from "../http/http-error";
import { upsertSubscriber } from "../subscribers/subscriber.service";
import type { SessionInput } from "./inbox.schemas";
import { inboxOf } from "./inbox-stub";
import { verifySessionHashes } from "./session-hashes";

/** Snoozing is offered for up to 90 days, Novu Cloud's longest plan limit. */
const maxSnoozeDurationHours = 90 * 24;

/**
 * Opens an Inbox session: the public application identifier picks the environment, the subscriber is created on
 * first sight (as Novu's Inbox does), and the token returned scopes every later call to that subscriber and to the
 * session's context. Contexts the session names are created when missing; existing ones are never changed here.
 */
export async function openSession(env: Env, input: SessionInput) {
  const db = database(env);
  const tenant = await tenantByApplicationIdentifier(db, input.applicationIdentifier);

  const subscriberId = input.subscriber?.subscriberId || input.subscriberId;
  if (!subscriberId) throw HttpError.badRequest("subscriber.subscriberId is required");
  await verifySessionHashes(env, db, tenant.id, {
    subscriberId,
    subscriberHash: input.subscriberHash,
    context: input.context,
    contextHash: input.contextHash,
  });
  const [row, contextKeys] = await Promise.all([
    upsertSubscriber(db, tenant as Tenant, { ...input.subscriber, subscriberId }),
    resolveContextPayload(db, tenant, input.context),
  ]);

  const unreadCount = await inboxOf(env, tenant.id, subscriberId).openSession(
    {
      id: row.id,
      subscriberId,
      firstName: row.firstName ?? undefined,
      lastName: row.lastName ?? undefined,
      avatar: row.avatar ?? undefined,
    },
    contextKeys,
  );
  const token = await signInboxToken(env, {
    environmentId: tenant.id,
    organizationId: tenant.organizationId,
    subscriberId,
    contextKeys,
  });
  return {
    token,
    totalUnreadCount: unreadCount.total,
    unreadCount,
    removeNovuBranding: false,
    isDevelopmentMode: tenant.type === "dev",
    maxSnoozeDurationHours,
    contextKeys,
  };
}
