import { type Checked, parseDuration, parseIsoDate, toMs } from "./duration";
import { payloadString, payloadValue } from "./path";

/** Novu's ThrottleControlDto: a fixed or payload-driven window letting at most `threshold` runs through. */
export type ThrottleControls = {
  type?: string;
  amount?: unknown;
  unit?: unknown;
  dynamicKey?: unknown;
  threshold?: unknown;
  throttleKey?: unknown;
};

export type ThrottleContext = {
  now: number;
  payload: unknown;
  /** When earlier runs for this key were let through; drop one once its `window.end` passes (Redis TTL). */
  recentRunTimes: readonly number[];
};

type Window = { start: number; end: number };

/** Let through (a slot in `window` is taken), throttled until `retryAt`, or a misconfiguration. */
export type ThrottleDecision =
  | { allow: true; window: Window; executionCount: number; threshold: number }
  | { allow: true; warning: string }
  | { allow: false; retryAt: number; window: Window; executionCount: number; threshold: number }
  | { allow: false; error: string };

/** The window's length, or (dynamic, from an ISO date in the payload) the instant it ends. */
type Span = { length: number } | { until: number };

function spanOf(controls: ThrottleControls, context: ThrottleContext): Checked<Span> | { warning: string } {
  const type = controls.type ?? "fixed";
  if (type === "fixed") {
    const ms = toMs(controls.amount, controls.unit);
    return ms.ok && ms.value > 0
      ? { ok: true, value: { length: ms.value } }
      : { warning: "Fixed throttle needs amount and unit" };
  }
  if (type !== "dynamic") return { warning: `Unknown throttle type '${type}'` };
  const key = controls.dynamicKey;
  const value = typeof key === "string" && key !== "" ? payloadValue(context.payload, key) : undefined;
  const until = typeof value === "string" ? parseIsoDate(value) : undefined;
  if (until !== undefined) {
    // Novu fails the step (THROTTLE_WINDOW_IN_PAST) rather than letting it through.
    return until > context.now
      ? { ok: true, value: { until } }
      : { ok: false, reason: "Dynamic throttle must be in the future" };
  }
  const duration = parseDuration(value);
  const ms = duration.ok ? toMs(duration.value.amount, duration.value.unit) : undefined;
  if (ms?.ok && ms.value > 0) return { ok: true, value: { length: ms.value } };
  // Novu lets the run through when the payload has no usable window (`shouldSkip: false`).
  return { warning: `Could not read a throttle window from payload key '${String(key)}'` };
}

/**
 * Whether one more run fits. Windows are fixed, not sliding: the first run let through starts one (Novu's Redis set
 * gets its TTL then), and at most `threshold` runs pass until it ends; a run arriving after it starts the next.
 */
export function throttleDecision(controls: ThrottleControls, context: ThrottleContext): ThrottleDecision {
  const threshold = controls.threshold ?? 1;
  if (typeof threshold !== "number" || !Number.isInteger(threshold) || threshold < 1) {
    return { allow: true, warning: `Invalid throttle threshold '${String(threshold)}'` };
  }
  const span = spanOf(controls, context);
  if ("warning" in span) return { allow: true, warning: span.warning };
  if (!span.ok) return { allow: false, error: span.reason };
  const { now } = context;
  const endOf = (start: number) => ("until" in span.value ? span.value.until : start + span.value.length);
  let start: number | undefined;
  let count = 0;
  for (const at of [...context.recentRunTimes].filter((t) => t <= now).sort((a, b) => a - b)) {
    if (start === undefined || at >= endOf(start)) {
      start = at;
      count = 0;
    }
    count++;
  }
  if (start === undefined || now >= endOf(start)) {
    return { allow: true, window: { start: now, end: endOf(now) }, executionCount: 1, threshold };
  }
  const window = { start, end: endOf(start) };
  if (count >= threshold)
    return { allow: false, retryAt: window.end, window, executionCount: count, threshold };
  return { allow: true, window, executionCount: count + 1, threshold };
}

/**
 * The counter a run belongs to, per subscriber (the Durable Object): workflow, step, and the payload value at
 * `throttleKey` ("default" without one), as Novu's `throttle:…:{workflowId}:{stepId}:{throttleKey}:{value}`.
 */
export function throttleKey(input: {
  workflowId: string;
  stepId: string;
  throttleKey?: unknown;
  payload: unknown;
  /** Code-first steps return the key's value itself rather than a payload path. */
  keyIsValue?: boolean;
}) {
  const key =
    typeof input.throttleKey === "string" && input.throttleKey.trim() !== "" ? input.throttleKey : undefined;
  const value = !key ? "default" : input.keyIsValue ? key : payloadString(input.payload, key);
  return `${input.workflowId}:${input.stepId}:${key ?? "default"}:${value}`;
}

/** `steps.<throttleStepId>` for later steps: Novu's throttle result. */
export function throttleOutput(decision: ThrottleDecision) {
  if (!("window" in decision)) return { throttled: false };
  const { executionCount, threshold } = decision;
  return {
    throttled: !decision.allow,
    executionCount,
    threshold,
    windowStart: new Date(decision.window.start).toISOString(),
  };
}
