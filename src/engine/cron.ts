import { Cron } from "croner";
import type { Checked } from "./duration";

/** Whether the runtime knows an IANA zone name; `Intl` throws a RangeError for unknown ones. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The first time a cron expression fires strictly after `now`, read in `timezone` (croner does the DST maths: a
 * 09:00 schedule stays 09:00 local across a change; a local time skipped by a spring-forward fires at the next
 * valid instant). Novu uses the subscriber's zone and UTC when it is unset; an unknown zone is treated as unset so a
 * bad profile value does not stop delivery.
 */
export function nextCronFire(expression: unknown, now: number, timezone?: string | null): Checked<number> {
  if (typeof expression !== "string" || expression.trim() === "") {
    return { ok: false, reason: "A cron expression is required" };
  }
  const zone = timezone && isTimeZone(timezone) ? timezone : "UTC";
  let next: Date | null;
  try {
    next = new Cron(expression, { timezone: zone }).nextRun(new Date(now));
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, reason: `Invalid cron expression '${expression}': ${detail}` };
  }
  if (!next) return { ok: false, reason: `Cron expression '${expression}' never fires` };
  return { ok: true, value: next.getTime() };
}
