import type { Tenant } from "../app-env";
import type { Database } from "../db/client";
import { RevisionCache } from "../db/revision-cache";
import type { SubscriberRow } from "../db/schema";
import { findSubscribers } from "./subscriber.service";

/** At most 16,384 rows of under 1 kB each: a few MB of an isolate's 128 MB. */
const cache = new RevisionCache<SubscriberRow>({ environments: 16, rowsPerEnvironment: 1024 });

/**
 * Existing subscribers by id, read from D1 only when not held for the environment's subscribers revision. Any write
 * to `subscribers` moves that revision, so an environment whose profiles change all the time reads D1 as before;
 * one that triggers known subscribers by id skips the read. Unknown ids are not kept: the trigger creates them.
 */
export async function cachedSubscribers(
  db: Database,
  tenant: Tenant,
  ids: string[],
): Promise<SubscriberRow[]> {
  const rows = cache.at(tenant.id, tenant.subscribersRevision);
  const held: SubscriberRow[] = [];
  const missing: string[] = [];
  for (const id of ids) {
    const row = rows.get(id);
    if (row) held.push(row);
    else missing.push(id);
  }
  const read = missing.length > 0 ? await findSubscribers(db, tenant, missing) : [];
  for (const row of read) rows.set(row.subscriberId, row);
  // Answered from what was held and what was read, not from the cache again: keeping a row may have emptied it.
  return [...held, ...read];
}
