import type { SubscriberDO } from "../../durable-objects/subscriber";

/**
 * The SubscriberDO's RPC surface as callers see it: every method answers with a promise. Declared from the class
 * itself (so a changed signature fails to compile here) because workers-types' structural RPC types cannot follow
 * open JSON values such as `payload` and `data`.
 */
type InboxMethods =
  | "run"
  | "openSession"
  | "list"
  | "count"
  | "act"
  | "actOnMany"
  | "remove"
  | "removeMatching"
  | "purge"
  | "adminList"
  | "adminMessages"
  | "removeTransaction"
  | "cancel"
  | "legacyFeed"
  | "markAs"
  | "preferences"
  | "updatePreferences"
  | "fetch";
export type SubscriberInbox = {
  [K in InboxMethods]: SubscriberDO[K] extends (...args: infer A) => infer R
    ? (...args: A) => Promise<Awaited<R>>
    : never;
};

/** The SubscriberDO that owns one subscriber's inbox in one environment. */
export function inboxOf(env: Env, environmentId: string, subscriberId: string): SubscriberInbox {
  return env.SUBSCRIBER.getByName(`${environmentId}:${subscriberId}`) as unknown as SubscriberInbox;
}
