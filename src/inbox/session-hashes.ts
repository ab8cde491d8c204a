import { and, eq } from "drizzle-orm";
import { isContextHashValid } from "../auth/inbox-session/context-hash";
import type { ContextPayload } from "../contexts/context.schemas";
import type { Database } from "../db/client";
import { apiKeys, integrations } from "../db/schema";
import { HttpError } from "../http/http-error";
import type { IntegrationCredentials } from "../integrations/integration.schemas";
import { hmacSha256Hex, timingSafeEqual } from "../lib/crypto";
import { open } from "../lib/secret-box";

/** Whether the environment's Novu in-app integration has "Security HMAC encryption" switched on. */
async function hmacRequired(env: Env, db: Database, environmentId: string): Promise<boolean> {
  const rows = await db
    .select({ credentials: integrations.credentials })
    .from(integrations)
    .where(
      and(
        eq(integrations.environmentId, environmentId),
        eq(integrations.channel, "in_app"),
        eq(integrations.active, true),
      ),
    );
  for (const row of rows) {
    if ((await open<IntegrationCredentials>(env, row.credentials)).hmac === true) return true;
  }
  return false;
}

/** Every secret key of the environment in clear: a hash signed with any of them holds across a key rotation. */
async function secretKeys(env: Env, db: Database, environmentId: string): Promise<string[]> {
  const rows = await db
    .select({ sealedKey: apiKeys.sealedKey })
    .from(apiKeys)
    .where(eq(apiKeys.environmentId, environmentId));
  const sealed = rows.flatMap(({ sealedKey }) => (sealedKey ? [sealedKey] : []));
  return Promise.all(sealed.map((key) => open<string>(env, key)));
}

async function isSubscriberHashValid(keys: string[], subscriberId: string, subscriberHash: string) {
  for (const key of keys) {
    if (timingSafeEqual(await hmacSha256Hex(key, subscriberId), subscriberHash.toLowerCase())) return true;
  }
  return false;
}

export type SessionClaim = {
  subscriberId: string;
  subscriberHash?: string;
  context?: ContextPayload;
  contextHash?: string;
};

/**
 * Novu's Inbox HMAC checks: with HMAC on, a session must carry `subscriberHash = hex(HMAC-SHA256(secret key,
 * subscriberId))`, so the public application identifier alone cannot open another subscriber's inbox; and a session
 * that names a context must carry its `contextHash`, so a browser cannot switch itself to another tenant's feed.
 */
export async function verifySessionHashes(
  env: Env,
  db: Database,
  environmentId: string,
  claim: SessionClaim,
): Promise<void> {
  if (!(await hmacRequired(env, db, environmentId))) return;
  if (!claim.subscriberHash)
    throw HttpError.badRequest("Please provide a valid HMAC hash: subscriberHash is required");
  const keys = await secretKeys(env, db, environmentId);
  if (!(await isSubscriberHashValid(keys, claim.subscriberId, claim.subscriberHash)))
    throw HttpError.badRequest("Please provide a valid HMAC hash");
  const { context } = claim;
  if (
    context &&
    Object.keys(context).length > 0 &&
    !(await isContextHashValid(keys, context, claim.contextHash))
  )
    throw HttpError.badRequest("Please provide a valid context HMAC hash");
}
