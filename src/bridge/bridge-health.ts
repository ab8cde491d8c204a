import type { Tenant } from "../app-env";
import type { Database } from "../db/client";
import { HttpError } from "../http/http-error";
import type { BridgeHealth } from "./bridge.schemas";
import { BridgeError, bridge } from "./bridge-client";
import { bridgeTarget } from "./bridge-target";

/** The health report of the environment's bridge, or why there is none. */
export async function bridgeHealth(env: Env, db: Database, tenant: Tenant): Promise<BridgeHealth> {
  const target = await bridgeTarget(env, db, tenant.id);
  if (!target) throw HttpError.notFound("This environment has no bridge URL: run `novu sync` first");
  try {
    return await bridge.healthCheck(target);
  } catch (error) {
    if (error instanceof BridgeError) throw new HttpError(502, error.message);
    throw error;
  }
}
