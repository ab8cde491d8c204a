/** The units Novu's delay, digest and throttle controls accept (`DigestUnitEnum`). */
export const durationUnits = ["seconds", "minutes", "hours", "days", "weeks", "months"] as const;
export type DurationUnit = (typeof durationUnits)[number];
export type Duration = { amount: number; unit: DurationUnit };

export type Checked<T> = { ok: true; value: T } | { ok: false; reason: string };

const unitMs: Record<DurationUnit, number> = {
  seconds: 1_000,
  minutes: 60_000,
  hours: 3_600_000,
  // Days and weeks are fixed spans of milliseconds, as in Novu: a "1 day" delay across a DST change is 24 hours.
  days: 86_400_000,
  weeks: 604_800_000,
  // A month has no fixed length; where a length is needed (throttle windows, plan limits) Novu's DurationUtils
  // counts 30 days. Scheduling a date uses addUnits, which adds calendar months instead.
  months: 2_592_000_000,
};

export function isDurationUnit(unit: unknown): unit is DurationUnit {
  return typeof unit === "string" && (durationUnits as readonly string[]).includes(unit);
}

/** Validates an `{ amount, unit }` pair as controls or payloads carry it; errors are values, never throws. */
export function checkDuration(amount: unknown, unit: unknown): Checked<Duration> {
  if (typeof amount !== "number" || !Number.isFinite(amount)) {
    return { ok: false, reason: `Invalid amount '${String(amount)}': expected a number` };
  }
  if (amount < 0) return { ok: false, reason: `Invalid amount '${amount}': must not be negative` };
  if (!isDurationUnit(unit)) {
    return {
      ok: false,
      reason: `Invalid time unit '${String(unit)}'. Supported units: ${durationUnits.join(", ")}`,
    };
  }
  // Calendar months only make sense whole: "1.5 months" has no single answer.
  if (unit === "months" && !Number.isInteger(amount)) {
    return { ok: false, reason: `Invalid amount '${amount}': months must be a whole number` };
  }
  return { ok: true, value: { amount, unit } };
}

/** Reads a `{ amount, unit }` object (a payload value, a `lookBackWindow`), validating it. */
export function parseDuration(value: unknown): Checked<Duration> {
  if (value === null || typeof value !== "object" || !("amount" in value) || !("unit" in value)) {
    return { ok: false, reason: "Expected a duration object { amount: number, unit: string }" };
  }
  return checkDuration(value.amount, value.unit);
}

/** The length of a duration in milliseconds (months count 30 days, see `unitMs`). */
export function toMs(amount: unknown, unit: unknown): Checked<number> {
  const duration = checkDuration(amount, unit);
  return duration.ok ? { ok: true, value: duration.value.amount * unitMs[duration.value.unit] } : duration;
}

/**
 * `from` plus `amount` units (negative amounts go back). Months are calendar months in UTC, clamped to the target
 * month's last day, as date-fns `addMonths` does for Novu: Jan 31 + 1 month = Feb 28 (29 in a leap year).
 */
export function addUnits(from: number, amount: number, unit: DurationUnit): number {
  if (unit !== "months") return from + amount * unitMs[unit];
  const date = new Date(from);
  const day = date.getUTCDate();
  date.setUTCDate(1);
  date.setUTCMonth(date.getUTCMonth() + Math.trunc(amount));
  const lastDay = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  date.setUTCDate(Math.min(day, lastDay));
  return date.getTime();
}

const isoDate = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,3})?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * Parses an ISO-8601 timestamp strictly, as Novu's `DurationUtils.isISO8601` does: a full date and time, rejecting
 * impossible dates (`Date.parse` would roll Feb 30 into March). No zone suffix means UTC. Unlike Novu a `±hh:mm`
 * offset is accepted too: it names an instant just as unambiguously as `Z`.
 */
export function parseIsoDate(value: string): number | undefined {
  const match = isoDate.exec(value);
  if (!match) return undefined;
  const [y, mo, d, h, mi, s] = match.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const probe = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  const exact =
    probe.getUTCFullYear() === y &&
    probe.getUTCMonth() === mo - 1 &&
    probe.getUTCDate() === d &&
    probe.getUTCHours() === h &&
    probe.getUTCMinutes() === mi;
  if (!exact || s > 59) return undefined;
  return Date.parse(match[8] ? value : `${value}Z`);
}
