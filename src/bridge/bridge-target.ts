import { desc, eq } from "drizzle-orm";
import type { Database } from "../db/client";
import { apiKeys, environments } from "../db/schema";
import { open } from "../lib/secret-box";
import type { BridgeTarget } from "./bridge-client";

/** The environment's secret key, which `@novu/framework` checks our signatures against. */
export async function signingKey(env: Env, db: Database, environmentId: string): Promise<string | undefined> {
  const [key] = await db
    .select({ sealedKey: apiKeys.sealedKey })
    .from(apiKeys)
    .where(eq(apiKeys.environmentId, environmentId))
    .orderBy(desc(apiKeys.createdAt))
    .limit(1);
  return key?.sealedKey ? open<string>(env, key.sealedKey) : undefined;
}

/**
 * Where an environment's code-first workflows run, read when a step executes (not stored with the run), so a
 * re-sync to a new URL or a regenerated key applies to runs already waiting in a delay or digest.
 */
export async function bridgeTarget(
  env: Env,
  db: Database,
  environmentId: string,
): Promise<BridgeTarget | undefined> {
  const [row] = await db
    .select({ url: environments.bridgeUrl })
    .from(environments)
    .where(eq(environments.id, environmentId))
    .limit(1);
  const secretKey = await signingKey(env, db, environmentId);
  return row?.url && secretKey ? { url: row.url, secretKey } : undefined;
}
