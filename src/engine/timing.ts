import { Cron } from "croner";

export const units = ["seconds", "minutes", "hours", "days", "weeks", "months"] as const;
export type Unit = (typeof units)[number];

const unitMs: Record<Exclude<Unit, "months">, number> = {
  seconds: 1_000,
  minutes: 60_000,
  hours: 3_600_000,
  days: 86_400_000,
  weeks: 604_800_000,
};

/** `from` plus an amount of a unit; months are calendar months (Jan 31 + 1 month = Feb 28/29), as Novu does. */
export function addUnits(from: number, amount: number, unit: Unit): number {
  if (unit !== "months") return from + amount * unitMs[unit];
  const date = new Date(from);
  const day = date.getUTCDate();
  date.setUTCDate(1);
  date.setUTCMonth(date.getUTCMonth() + amount);
  const lastDay = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  date.setUTCDate(Math.min(day, lastDay));
  return date.getTime();
}

/** The next time a cron expression fires after `now`, in the subscriber's time zone (UTC when unknown). */
export function nextCronFire(expression: string, now: number, timezone?: string | null): number | undefined {
  try {
    const next = new Cron(expression, { timezone: timezone ?? undefined }).nextRun(new Date(now));
    return next?.getTime();
  } catch {
    return undefined;
  }
}

/** Reads a dot path (`order.shipAt`) from a payload. */
export function valueAt(source: unknown, path: string): unknown {
  let current = source;
  for (const key of path.split(".")) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

export type Timing = { ok: true; at: number } | { ok: false; reason: string };

type DelayControls = {
  type?: "regular" | "timed" | "dynamic";
  amount?: number;
  unit?: Unit;
  cron?: string;
  dynamicKey?: string;
};

/**
 * When a delay step resumes: after a fixed amount (regular), at the next cron fire in the subscriber's time zone
 * (timed), or at a date or duration read from the payload (dynamic). A date in the past resumes at once.
 */
export function delayResumeAt(
  controls: DelayControls,
  context: { now: number; payload: unknown; timezone?: string | null },
): Timing {
  const { now } = context;
  const type = controls.type ?? (controls.cron ? "timed" : controls.dynamicKey ? "dynamic" : "regular");
  if (type === "timed") {
    const at = controls.cron ? nextCronFire(controls.cron, now, context.timezone) : undefined;
    return at ? { ok: true, at } : { ok: false, reason: `Invalid cron expression '${controls.cron ?? ""}'` };
  }
  if (type === "dynamic") {
    const value = controls.dynamicKey
      ? valueAt(context.payload, controls.dynamicKey.replace(/^payload\./, ""))
      : undefined;
    if (typeof value === "string" && !Number.isNaN(Date.parse(value)))
      return { ok: true, at: Math.max(now, Date.parse(value)) };
    if (value && typeof value === "object") {
      const { amount, unit } = value as { amount?: unknown; unit?: unknown };
      if (typeof amount === "number" && amount >= 0 && units.includes(unit as Unit)) {
        return { ok: true, at: addUnits(now, amount, unit as Unit) };
      }
    }
    return {
      ok: false,
      reason: `payload.${controls.dynamicKey ?? "?"} holds neither a date nor a {amount, unit} duration`,
    };
  }
  if (typeof controls.amount !== "number" || controls.amount < 0 || !units.includes(controls.unit as Unit)) {
    return { ok: false, reason: "A delay needs an amount (≥ 0) and a unit" };
  }
  return { ok: true, at: addUnits(now, controls.amount, controls.unit as Unit) };
}

type DigestControls = {
  type?: "regular" | "timed";
  amount?: number;
  unit?: Unit;
  cron?: string;
  lookBackWindow?: { amount: number; unit: Unit };
  digestKey?: string;
};

export type DigestDecision =
  | { kind: "join" }
  | { kind: "send-now" }
  | { kind: "open"; closesAt: number }
  | { kind: "invalid"; reason: string };

/**
 * What a digest step does with a new event, given the window open for its key (if any) and when the key last saw
 * an event: join the open window; with a look-back window, send at once when the key was quiet for that long;
 * otherwise open a window that closes after the amount (regular) or at the next cron fire (timed).
 */
export function digestDecision(
  controls: DigestControls,
  context: { now: number; openWindow: boolean; lastEventAt?: number; timezone?: string | null },
): DigestDecision {
  if (context.openWindow) return { kind: "join" };
  const { now } = context;
  if (controls.lookBackWindow) {
    const since = addUnits(now, -controls.lookBackWindow.amount, controls.lookBackWindow.unit);
    if (context.lastEventAt === undefined || context.lastEventAt < since) return { kind: "send-now" };
  }
  if ((controls.type ?? (controls.cron ? "timed" : "regular")) === "timed") {
    const at = controls.cron ? nextCronFire(controls.cron, now, context.timezone) : undefined;
    return at
      ? { kind: "open", closesAt: at }
      : { kind: "invalid", reason: `Invalid cron expression '${controls.cron ?? ""}'` };
  }
  if (typeof controls.amount !== "number" || controls.amount <= 0 || !units.includes(controls.unit as Unit)) {
    return { kind: "invalid", reason: "A digest needs an amount (> 0) and a unit" };
  }
  return { kind: "open", closesAt: addUnits(now, controls.amount, controls.unit as Unit) };
}

/** The group a digest collects into: the step plus the value at `digestKey` in the payload ("" without one). */
export function digestGroup(
  workflowId: string,
  stepId: string,
  digestKey: string | undefined,
  payload: unknown,
): string {
  const value = digestKey ? valueAt(payload, digestKey.replace(/^payload\./, "")) : undefined;
  return `${workflowId}:${stepId}:${value === undefined || value === null ? "" : String(value)}`;
}

type ThrottleControls = { amount?: number; unit?: Unit; threshold?: number; throttleKey?: string };

/** Whether one more run fits in the throttle window, given the times of the runs already let through in it. */
export function throttleAllows(controls: ThrottleControls, context: { now: number; recent: number[] }) {
  const windowStart = addUnits(context.now, -(controls.amount ?? 1), controls.unit ?? "minutes");
  const inWindow = context.recent.filter((at) => at > windowStart).length;
  return { allow: inWindow < (controls.threshold ?? 1), windowStart };
}
