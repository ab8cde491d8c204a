import { LiquidError } from "liquidjs";
import { z } from "zod";
import type { NewInAppMessage } from "../../durable-objects/subscriber/inbox.types";
import type { Render } from "../templates/liquid";

const target = z.enum(["_self", "_blank", "_parent", "_top", "_unfencedTop"]);
const redirect = z.object({ url: z.string(), target: target.optional() });
const action = z.object({ label: z.string(), redirect: redirect.optional() });

/** The controls of an in_app step, as Novu's `InAppControlDto` defines them. */
export const inAppControls = z.object({
  subject: z.string().optional(),
  body: z.string().optional(),
  avatar: z.string().optional(),
  primaryAction: action.optional(),
  secondaryAction: action.optional(),
  redirect: redirect.optional(),
  data: z.record(z.string(), z.unknown()).optional(),
});

export class StepContentError extends Error {}

/** Renders an in_app step's controls into the content of the message it creates. */
export async function renderInApp(
  controlValues: Record<string, unknown>,
  render: Render,
): Promise<NewInAppMessage["content"]> {
  const parsed = inAppControls.safeParse(controlValues);
  if (!parsed.success)
    throw new StepContentError(`Invalid in_app controls: ${parsed.error.issues[0]?.message}`);
  if (!parsed.data.body && !parsed.data.subject)
    throw new StepContentError("An in_app step needs a body or a subject");
  const rendered = await render(parsed.data).catch((error: unknown) => {
    if (error instanceof LiquidError) throw new StepContentError(error.message);
    throw error;
  });
  const withCompletion = (a: z.infer<typeof action> | undefined) =>
    a ? { ...a, isCompleted: false } : undefined;
  return {
    subject: rendered.subject || undefined,
    body: rendered.body ?? "",
    avatar: rendered.avatar || undefined,
    primaryAction: withCompletion(rendered.primaryAction),
    secondaryAction: withCompletion(rendered.secondaryAction),
    redirect: rendered.redirect?.url ? rendered.redirect : undefined,
    data: rendered.data,
  };
}
