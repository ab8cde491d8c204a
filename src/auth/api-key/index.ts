import { eq, sql } from "drizzle-orm";
import { createMiddleware } from "hono/factory";
import type { AppEnv, Tenant } from "../../app-env";
import { type Database, database } from "../../db/client";
import { prepared } from "../../db/prepared";
import { apiKeys, environments } from "../../db/schema";
import { tenantColumns } from "../../environments/tenant";
import { HttpError } from "../../http/http-error";
import { sha256Hex } from "../../lib/crypto";

/**
 * `Authorization: ApiKey <secret>` selects the environment. Keys are looked up by their SHA-256, so the secret
 * itself is never stored or compared.
 */
export const apiKeyAuth = createMiddleware<AppEnv>(async (c, next) => {
  const secret = parseApiKey(c.req.header("authorization"));
  c.set("tenant", await findTenant(c.env, secret));
  await next();
});

function parseApiKey(header: string | undefined): string {
  if (!header) throw HttpError.unauthorized("Missing Authorization header: expected 'ApiKey <secret key>'");
  const match = /^ApiKey\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1])
    throw HttpError.unauthorized("Invalid Authorization header: expected 'ApiKey <secret key>'");
  return match[1];
}

const tenantByKeyHash = prepared((db: Database) =>
  db
    .select(tenantColumns)
    .from(apiKeys)
    .innerJoin(environments, eq(environments.id, apiKeys.environmentId))
    .where(eq(apiKeys.keyHash, sql.placeholder("keyHash")))
    .limit(1)
    .prepare(),
);

/** The environment a secret key belongs to; 401 when no key matches. */
export async function findTenant(env: Env, secret: string): Promise<Tenant> {
  const tenant = await tenantByKeyHash(database(env)).get({ keyHash: await sha256Hex(secret) });
  if (!tenant) throw HttpError.unauthorized("API Key not found");
  return tenant;
}
