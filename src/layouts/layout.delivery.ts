import type { LayoutRow } from "../db/schema";
import type { TriggerOverrides } from "../engine/run.types";
import type { StoredStep } from "../workflows/workflow.types";

type LayoutRef = Pick<LayoutRow, "id" | "layoutId" | "isDefault" | "controls">;

/** A layoutId (or `_id`) names a layout, `null` means none, `undefined` the environment's default, as in Novu. */
type Choice = string | null | undefined;

const asChoice = (value: unknown): Choice =>
  value === null ? null : typeof value === "string" && value !== "" ? value : undefined;

/** The trigger's step override beats its email channel override, which beats the step's own `layoutId` control. */
function choiceFor(step: StoredStep, overrides: TriggerOverrides): Choice {
  const stepOverride = overrides.steps?.[step.stepId];
  if (stepOverride && "layoutId" in stepOverride) return asChoice(stepOverride.layoutId);
  const channel = overrides.channels?.email;
  if (channel && "layoutId" in channel) return asChoice(channel.layoutId);
  return asChoice(step.controlValues.layoutId);
}

const emailSteps = (steps: StoredStep[]) => steps.filter((step) => step.type === "email");

/** The layouts a trigger names explicitly: the only ones, besides the default, it needs to read. */
export function namedLayouts(steps: StoredStep[], overrides: TriggerOverrides): string[] {
  const named = emailSteps(steps).map((step) => choiceFor(step, overrides));
  return [...new Set(named.filter((choice): choice is string => typeof choice === "string"))];
}

/**
 * Each email step's layout body, by stepId. A layout that no longer exists falls back to the default, as the steps
 * of a deleted layout do. Only HTML layouts wrap: a block (Maily JSON) layout has no HTML renderer here, so its
 * steps go out unwrapped rather than with JSON around them.
 */
export function emailLayouts(
  steps: StoredStep[],
  overrides: TriggerOverrides,
  rows: LayoutRef[],
): Record<string, string | null> {
  const fallback = rows.find((row) => row.isDefault);
  const layouts: Record<string, string | null> = {};
  for (const step of emailSteps(steps)) {
    const choice = choiceFor(step, overrides);
    const named =
      typeof choice === "string"
        ? rows.find((row) => row.layoutId === choice || row.id === choice)
        : undefined;
    const layout = choice === null ? undefined : (named ?? fallback);
    const email = layout?.controls.email;
    layouts[step.stepId] = email?.editorType === "html" ? email.body : null;
  }
  return layouts;
}
