import type { BridgeStepState, ExecuteInput } from "../../src/bridge/bridge.schemas";
import type { RunState, SubscriberContext } from "../../src/engine/run.types";

/** What the user's `step.<type>()` call returned for a step already run, as `@novu/framework` replays it. */
function stepResult(type: string, output: Record<string, unknown> | undefined): Record<string, unknown> {
  switch (type) {
    case "in_app":
      return {
        seen: output?.seen ?? false,
        read: output?.read ?? false,
        lastSeenDate: output?.lastSeenDate ?? null,
        lastReadDate: output?.lastReadDate ?? null,
      };
    case "digest":
      return { events: output?.events ?? [], eventCount: output?.eventCount ?? 0 };
    case "delay":
      return { duration: output?.duration ?? 0 };
    case "custom":
      return output ?? {};
    default:
      return {};
  }
}

/** The subscriber without our internal fields or empty values, which the framework's schema would refuse. */
function bridgeSubscriber(subscriber: SubscriberContext): Record<string, unknown> {
  const { _id, channels, ...fields } = subscriber;
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== null));
}

/**
 * The request that asks a bridge to execute step `index`: the framework re-runs the workflow function up to that
 * step, answering each earlier `await step.x()` from `state`, so every earlier step must be there.
 */
export function executeInput(
  state: RunState,
  index: number,
  outputs: Record<string, Record<string, unknown>>,
): ExecuteInput {
  const { run } = state;
  const step = run.workflow.steps[index];
  if (!step) throw new RangeError(`No step ${index} in workflow ${run.workflow.workflowId}`);
  const previous: BridgeStepState[] = run.workflow.steps.slice(0, index).map((earlier) => {
    const outcome = state.steps.find((s) => s.stepId === earlier.stepId);
    return {
      stepId: earlier.stepId,
      outputs: stepResult(earlier.type, outputs[earlier.stepId]),
      state: {
        status: outcome?.status ?? "completed",
        ...(outcome?.status === "failed" && outcome.detail ? { error: outcome.detail } : {}),
      },
    };
  });
  return {
    workflowId: run.workflow.workflowId,
    stepId: step.stepId,
    payload: run.payload,
    controls: step.controlValues,
    subscriber: bridgeSubscriber(run.subscriber),
    state: previous,
  };
}
