import type { SocketMessage } from "../../durable-objects/subscriber/inbox.mapper";
import type { Tenant } from "../app-env";
import type { Database } from "../db/client";
import { chunks } from "../db/limits";
import { inboxOf } from "../inbox/inbox-stub";
import { isObjectId } from "../lib/ids";
import { inAppRecipients, possibleOwners } from "./in-app-index";
import type { IndexEntry } from "./message-index";

/** Subscribers' objects called at once by one request; the rest wait for the next round. */
const fanOut = 25;

const slotKey = (subscriberId: string, transactionId: string, stepId: string) =>
  `${subscriberId}\u0000${transactionId}\u0000${stepId}`;

/** The in-app messages of a page's slots, read with one call per subscriber on the page; deleted ones are absent. */
export async function readSlots(env: Env, tenant: Tenant, slots: IndexEntry[]) {
  const bySubscriber = new Map<string, IndexEntry[]>();
  for (const slot of slots) {
    const own = bySubscriber.get(slot.subscriberId);
    if (own) own.push(slot);
    else bySubscriber.set(slot.subscriberId, [slot]);
  }
  const answers = await Promise.all(
    [...bySubscriber].map(async ([subscriberId, own]) => {
      const refs = own.map(({ transactionId, stepId }) => ({ transactionId, stepId }));
      const found = await inboxOf(env, tenant.id, subscriberId).adminMessages(refs);
      return found.map(
        (hit) => [slotKey(subscriberId, hit.message.transactionId, hit.stepId), hit.message] as const,
      );
    }),
  );
  const messages = new Map<string, SocketMessage>(answers.flat());
  return (slot: IndexEntry) => messages.get(slotKey(slot.subscriberId, slot.transactionId, slot.stepId));
}

/**
 * Deletes the in-app message `messageId` wherever it lives: the subscribers that may own it (in-app-index.ts) are
 * asked in rounds of `fanOut` until one had it. Its inbox then pushes the new counts to its sockets.
 */
export async function removeInApp(
  env: Env,
  db: Database,
  tenant: Tenant,
  messageId: string,
): Promise<boolean> {
  if (!isObjectId(messageId)) return false;
  const createdAt = Number.parseInt(messageId.slice(0, 8), 16) * 1000;
  const asked = new Set<string>();
  for await (const candidates of possibleOwners(db, tenant, createdAt)) {
    const fresh = candidates.filter((id) => !asked.has(id));
    for (const round of chunks(fresh, fanOut)) {
      for (const id of round) asked.add(id);
      const removed = await Promise.all(round.map((id) => inboxOf(env, tenant.id, id).remove(messageId)));
      if (removed.includes(true)) return true;
    }
  }
  return false;
}

/** Deletes a trigger's in-app messages from each recipient's inbox, `fanOut` at a time; how many were deleted. */
export async function removeInAppTransaction(
  env: Env,
  db: Database,
  tenant: Tenant,
  transactionId: string,
): Promise<number> {
  let removed = 0;
  for (const round of chunks(await inAppRecipients(db, tenant, transactionId), fanOut)) {
    const counts = await Promise.all(
      round.map((id) => inboxOf(env, tenant.id, id).removeTransaction(transactionId)),
    );
    removed += counts.reduce((sum, n) => sum + n, 0);
  }
  return removed;
}
