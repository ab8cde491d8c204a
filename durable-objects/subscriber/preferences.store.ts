import { eq } from "drizzle-orm";
import { prepared } from "../../src/db/prepared";
import type { ChannelToggles, SubscriberPreferences } from "../../src/engine/preferences";
import { preferences } from "./inbox.schema";
import type { InboxDb } from "./inbox.store";

const globalKey = "";

/** Every channel step reads them: built into SQL once per object. */
const allPreferences = prepared((db: InboxDb) => db.select().from(preferences).prepare());

export function loadPreferences(db: InboxDb): SubscriberPreferences {
  const result: SubscriberPreferences = { global: {}, workflows: {} };
  for (const row of allPreferences(db).all()) {
    if (row.workflowId === globalKey) result.global = row.channels;
    else result.workflows[row.workflowId] = row.channels;
  }
  return result;
}

/** Merges channel switches into the global row (`workflowId` null) or one workflow's row. */
export function savePreferences(
  db: InboxDb,
  workflowId: string | null,
  channels: ChannelToggles,
  now: number,
): void {
  const key = workflowId ?? globalKey;
  const current = db.select().from(preferences).where(eq(preferences.workflowId, key)).get()?.channels ?? {};
  const merged = { ...current, ...channels };
  db.insert(preferences)
    .values({ workflowId: key, channels: merged, updatedAt: now })
    .onConflictDoUpdate({ target: preferences.workflowId, set: { channels: merged, updatedAt: now } })
    .run();
}
