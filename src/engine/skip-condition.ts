import jsonLogic, { type RulesLogic } from "json-logic-js";

export type SkipOutcome = { skip: boolean } | { error: string };

/**
 * Evaluates a step's `skip` rule (JSONLogic, as Novu stores it) over `{ subscriber, payload, steps, … }` with the
 * json-logic-js library. A missing or empty rule never skips; a rule the library rejects is reported, not thrown.
 */
export function evaluateSkip(rule: unknown, data: Record<string, unknown>): SkipOutcome {
  if (rule === undefined || rule === null || rule === false) return { skip: false };
  if (typeof rule === "object" && Object.keys(rule).length === 0) return { skip: false };
  try {
    return { skip: Boolean(jsonLogic.apply(rule as RulesLogic, data)) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}
