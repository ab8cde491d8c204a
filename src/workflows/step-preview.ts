import { BridgeError, bridge } from "../bridge/bridge-client";
import { bridgeTarget } from "../bridge/bridge-target";
import type { Database } from "../db/client";
import type { WorkflowRow } from "../db/schema";
import { isExternalChannel, renderChannelContent } from "../steps/channel-content";
import { renderInApp, StepContentError } from "../steps/in-app";
import { withLiquid } from "../templates/liquid";
import type { PreviewDto, PreviewInput, PreviewPayload } from "./workflow.schemas";
import type { StoredStep } from "./workflow.types";

/** A preview needs someone to address: Novu's example subscriber fills what the caller left out. */
function exampleOf(
  input: PreviewPayload | undefined,
): Required<Pick<PreviewPayload, "subscriber" | "payload">> & PreviewPayload {
  return {
    ...input,
    subscriber: {
      subscriberId: "preview-subscriber",
      firstName: "John",
      lastName: "Doe",
      ...input?.subscriber,
    },
    payload: input?.payload ?? {},
  };
}

async function renderLocally(step: StoredStep, controls: Record<string, unknown>, example: PreviewPayload) {
  const render = withLiquid({
    subscriber: example.subscriber,
    payload: example.payload,
    actor: example.actor,
    context: example.context,
    steps: example.steps ?? {},
  });
  if (step.type === "in_app") return renderInApp(controls, render);
  if (isExternalChannel(step.type)) return renderChannelContent(step.type, controls, render);
  // Action steps have no content: their preview is their (rendered) configuration.
  return render(controls);
}

async function renderOnBridge(
  env: Env,
  db: Database,
  row: WorkflowRow,
  step: StoredStep,
  controls: Record<string, unknown>,
  example: ReturnType<typeof exampleOf>,
) {
  const target = await bridgeTarget(env, db, row.environmentId);
  if (!target) throw new BridgeError("This environment has no bridge URL: run `novu sync` first", false);
  const result = await bridge.preview(target, {
    workflowId: row.workflowId,
    stepId: step.stepId,
    payload: example.payload,
    controls,
    subscriber: example.subscriber,
    state: [],
  });
  return result.outputs;
}

/**
 * Renders one step with sample data: Liquid over the stored (or given) controls for dashboard workflows, the
 * bridge's `action=preview` for code-first ones. A step that cannot render answers with the reason, not a 500.
 */
export async function previewStep(
  env: Env,
  db: Database,
  row: WorkflowRow,
  step: StoredStep,
  input: PreviewInput,
): Promise<PreviewDto> {
  const example = exampleOf(input.previewPayload);
  const controls = input.controlValues ?? step.controlValues;
  try {
    const preview =
      row.origin === "external"
        ? await renderOnBridge(env, db, row, step, controls, example)
        : await renderLocally(step, controls, example);
    return { previewPayloadExample: example, result: { type: step.type, preview } };
  } catch (error) {
    if (!(error instanceof StepContentError || error instanceof BridgeError)) throw error;
    return { previewPayloadExample: example, result: { type: step.type, error: { message: error.message } } };
  }
}
