import { nextCronFire } from "./cron";
import { addUnits, checkDuration, parseDuration } from "./duration";
import { payloadString } from "./path";

/** A digest step's controls (Novu's DigestControlDto / framework digest output). */
export type DigestControls = {
  type?: string;
  amount?: unknown;
  unit?: unknown;
  cron?: unknown;
  digestKey?: unknown;
  lookBackWindow?: unknown;
};

/**
 * The value events are grouped by, besides the subscriber (one Durable Object per subscriber already separates
 * those): the payload value at `digestKey`, as a string. No key, or no value, is the single group "".
 */
export function digestKeyValue(digestKey: unknown, payload: unknown): string {
  return typeof digestKey === "string" && digestKey.trim() !== "" ? payloadString(payload, digestKey) : "";
}

export type DigestContext = {
  now: number;
  /** When this subscriber last triggered the workflow for the same key (any earlier event, digested or not). */
  lastEventAt?: number;
  /** The window already collecting this key's events, if one is open. */
  openWindow?: { closesAt: number } | null;
  subscriberTimezone?: string | null;
};

/**
 * What happens to a new event: deliver it at once as a digest of one (Novu marks the job SKIPPED), start collecting
 * until `closesAt` (the event leads the window, Novu's DELAYED), or fold into the open window (Novu's MERGED).
 */
export type DigestPlan =
  | { kind: "send-now" }
  | { kind: "open-window"; closesAt: number }
  | { kind: "join-window"; closesAt: number }
  | { kind: "invalid"; reason: string };

function windowCloses(controls: DigestControls, context: DigestContext): DigestPlan {
  const timed = controls.type === "timed" || (controls.type === undefined && controls.cron !== undefined);
  if (timed) {
    // A timed digest collects until the schedule's next fire in the subscriber's zone.
    const next = nextCronFire(controls.cron, context.now, context.subscriberTimezone);
    return next.ok ? { kind: "open-window", closesAt: next.value } : { kind: "invalid", reason: next.reason };
  }
  if (controls.type !== undefined && controls.type !== "regular") {
    return { kind: "invalid", reason: `Unknown digest type '${controls.type}'` };
  }
  const duration = checkDuration(controls.amount, controls.unit);
  // Novu refuses a regular digest without a positive amount and a unit ("wrong digest settings").
  if (!duration.ok || duration.value.amount === 0) {
    return { kind: "invalid", reason: "A digest needs an amount greater than 0 and a unit" };
  }
  // The window is measured from the first event; later events never extend it.
  return { kind: "open-window", closesAt: addUnits(context.now, duration.value.amount, duration.value.unit) };
}

/**
 * Decides a digest step for one event, in Novu's order (`shouldDelayDigestJobOrMerge`): with a look-back window,
 * an event with no earlier event for the key within that window is sent at once (even if an older window is still
 * open: Novu checks the look-back first); otherwise the event joins the open window, or opens a new one.
 */
export function digestPlan(controls: DigestControls, context: DigestContext): DigestPlan {
  const lookBack = controls.lookBackWindow;
  if (lookBack !== undefined && lookBack !== null) {
    const window = parseDuration(lookBack);
    if (!window.ok || window.value.amount === 0) {
      return { kind: "invalid", reason: "lookBackWindow needs an amount greater than 0 and a unit" };
    }
    const since = addUnits(context.now, -window.value.amount, window.value.unit);
    // Inclusive, as Novu's `updatedAt: { $gte: now - lookBack }`.
    if (context.lastEventAt === undefined || context.lastEventAt < since) return { kind: "send-now" };
  }
  if (context.openWindow) return { kind: "join-window", closesAt: context.openWindow.closesAt };
  return windowCloses(controls, context);
}

export type DigestEvent = { id: string; time: number | string; payload: Record<string, unknown> };
export type DigestOutput = {
  events: { id: string; time: string; payload: Record<string, unknown> }[];
  eventCount: number;
};

/**
 * `steps.<digestStepId>` as later steps and templates see it: the events oldest first (the window's leader first,
 * as Novu lists the digesting job before the merged ones) with ISO times, and their count.
 */
export function digestOutput(events: readonly DigestEvent[]): DigestOutput {
  const sorted = events
    .map((event, index) => ({ event, index, at: new Date(event.time).getTime() }))
    // Stable: equal (or unreadable) times keep the order they were collected in.
    .sort((a, b) => a.at - b.at || a.index - b.index)
    .map(({ event, at }) => ({
      id: event.id,
      time: Number.isNaN(at) ? String(event.time) : new Date(at).toISOString(),
      payload: event.payload,
    }));
  return { events: sorted, eventCount: sorted.length };
}
