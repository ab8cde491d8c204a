import { nextCronFire } from "./cron";
import { addUnits, checkDuration, parseDuration, parseIsoDate } from "./duration";
import { payloadValue } from "./path";

/** A delay step's controls: Novu's `regular | timed | dynamic`, plus v1's `scheduled` (`delayPath`). */
export type DelayControls = {
  type?: string;
  amount?: unknown;
  unit?: unknown;
  cron?: unknown;
  dynamicKey?: unknown;
  delayPath?: unknown;
};

export type DelayContext = { now: number; payload: unknown; subscriberTimezone?: string | null };

/** When the run resumes, or why the step fails (Novu fails the step and stops the workflow). */
export type DelayPlan = { ok: true; at: number } | { ok: false; reason: string };

function delayType(controls: DelayControls): string {
  if (controls.type) return controls.type;
  // Code-first outputs may omit `type`; the shape says which kind it is, and "regular" is Novu's default.
  if (controls.cron !== undefined) return "timed";
  if (controls.dynamicKey !== undefined) return "dynamic";
  if (controls.delayPath !== undefined) return "scheduled";
  return "regular";
}

/** A dynamic delay reads a date or a duration from the payload; Novu rejects anything that is not in the future. */
function dynamicResume(key: unknown, now: number, payload: unknown): DelayPlan {
  if (typeof key !== "string" || key.trim() === "")
    return { ok: false, reason: "Dynamic delay key not found" };
  const value = payloadValue(payload, key);
  if (value === undefined || value === null || value === "") {
    return { ok: false, reason: `Dynamic delay key '${key}' not found in payload` };
  }
  let at: number | undefined;
  if (typeof value === "string") at = parseIsoDate(value);
  else if (typeof value === "object" && "amount" in value && "unit" in value) {
    const duration = parseDuration(value);
    if (!duration.ok) return { ok: false, reason: `${duration.reason} in dynamic delay` };
    at = addUnits(now, duration.value.amount, duration.value.unit);
  }
  if (at === undefined) {
    return {
      ok: false,
      reason: `Dynamic delay value '${JSON.stringify(value)}' is not a valid format. Expected ISO-8601 timestamp or duration object { amount: number, unit: string }`,
    };
  }
  // Novu's validateDynamicDuration: a duration that is not positive is a misconfiguration, not "resume now".
  return at > now ? { ok: true, at } : { ok: false, reason: "Dynamic delay must be in the future" };
}

/** v1 "scheduled" delay: the payload field named by `delayPath` holds the date to wait until. */
function scheduledResume(path: unknown, now: number, payload: unknown): DelayPlan {
  if (typeof path !== "string" || path === "") return { ok: false, reason: "Delay path not found" };
  const flat =
    payload !== null && typeof payload === "object" ? (payload as Record<string, unknown>)[path] : undefined;
  const value = flat ?? payloadValue(payload, path);
  const at = typeof value === "string" || typeof value === "number" ? new Date(value).getTime() : Number.NaN;
  if (Number.isNaN(at)) return { ok: false, reason: `Delay date at path '${path}' is not a valid date` };
  return at >= now ? { ok: true, at } : { ok: false, reason: "Delay date at path must be a future date" };
}

/**
 * When a delay step resumes. Regular: `now` + amount·unit (calendar months). Timed: the cron's next fire after `now`
 * in the subscriber's zone. Dynamic: a payload date or duration. Scheduled: a payload date. Failures are values.
 */
export function resumeAt(controls: DelayControls, context: DelayContext): DelayPlan {
  const { now, payload } = context;
  switch (delayType(controls)) {
    case "timed": {
      const next = nextCronFire(controls.cron, now, context.subscriberTimezone);
      return next.ok ? { ok: true, at: next.value } : next;
    }
    case "dynamic":
      return dynamicResume(controls.dynamicKey, now, payload);
    case "scheduled":
      return scheduledResume(controls.delayPath, now, payload);
    case "regular": {
      const duration = checkDuration(controls.amount, controls.unit);
      if (!duration.ok)
        return { ok: false, reason: `A regular delay needs an amount and a unit: ${duration.reason}` };
      return { ok: true, at: addUnits(now, duration.value.amount, duration.value.unit) };
    }
    default:
      return { ok: false, reason: `Unknown delay type '${String(controls.type)}'` };
  }
}
