import jsonLogic, { type RulesLogic } from "json-logic-js";

/** What an earlier step exposes to conditions: in-app steps report Novu's `{ seen, read, lastSeenDate, lastReadDate }`. */
export type StepConditionState = {
  seen?: boolean;
  read?: boolean;
  lastSeenDate?: string | null;
  lastReadDate?: string | null;
  [output: string]: unknown;
};

/** The variables a step's `skip` rule reads, under the names Novu's condition builder writes (`payload.tier`, …). */
export type ConditionData = {
  subscriber: Record<string, unknown>;
  payload: Record<string, unknown>;
  steps: Record<string, StepConditionState>;
  [namespace: string]: unknown;
};

export type SkipResult = { ok: true; skip: boolean } | { ok: false; error: string };

/**
 * Novu's dashboard builds conditions with react-querybuilder, whose JSONLogic export uses two operations the
 * JSONLogic spec lacks. Registered once on the shared json-logic-js instance, exactly as that library defines them.
 */
jsonLogic.add_operation(
  "startsWith",
  (a: unknown, b: unknown) => typeof a === "string" && a.startsWith(String(b)),
);
jsonLogic.add_operation(
  "endsWith",
  (a: unknown, b: unknown) => typeof a === "string" && a.endsWith(String(b)),
);

function isRule(value: unknown): value is RulesLogic {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * Whether a step is skipped: its `skip` rule, evaluated by json-logic-js over `data`, is truthy. No rule (or an
 * empty `{}`, which the dashboard saves when every condition is removed) never skips; a literal boolean is itself the
 * answer. A rule the library rejects (unknown operation, wrong shape) comes back as an error, never thrown, so the
 * caller can fail the step with a clear reason.
 */
export function shouldSkip(skip: unknown, data: ConditionData): SkipResult {
  if (skip === undefined || skip === null) return { ok: true, skip: false };
  if (typeof skip === "boolean") return { ok: true, skip };
  if (!isRule(skip))
    return { ok: false, error: `A skip condition must be a JSONLogic object, got ${JSON.stringify(skip)}` };
  const keys = Object.keys(skip);
  if (keys.length === 0) return { ok: true, skip: false };
  // json-logic-js treats an object with several keys as plain data (always truthy); refuse it rather than skip.
  if (keys.length > 1)
    return { ok: false, error: `A JSONLogic rule has exactly one operation, got ${keys.join(", ")}` };
  try {
    return { ok: true, skip: jsonLogic.truthy(jsonLogic.apply(skip, data)) };
  } catch (error) {
    return {
      ok: false,
      error: `Invalid skip condition: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}
