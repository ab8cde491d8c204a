import { and, eq } from "drizzle-orm";
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

/**
 * Novu's Inbox HMAC check: with HMAC on, a session must carry `subscriberHash = hex(HMAC-SHA256(secret key,
 * subscriberId))`, so the public application identifier alone cannot open another subscriber's inbox.
 */
export async function verifySubscriberHash(
  env: Env,
  db: Database,
  environmentId: string,
  subscriberId: string,
  subscriberHash: string | undefined,
): Promise<void> {
  if (!(await hmacRequired(env, db, environmentId))) return;
  if (!subscriberHash)
    throw HttpError.badRequest("Please provide a valid HMAC hash: subscriberHash is required");
  const keys = await db
    .select({ sealedKey: apiKeys.sealedKey })
    .from(apiKeys)
    .where(eq(apiKeys.environmentId, environmentId));
  for (const { sealedKey } of keys) {
    if (
      sealedKey &&
      timingSafeEqual(
        await hmacSha256Hex(await open<string>(env, sealedKey), subscriberId),
        subscriberHash.toLowerCase(),
      )
    ) {
      return;
    }
  }
  throw HttpError.badRequest("Please provide a valid HMAC hash");
}
