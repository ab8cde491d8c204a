import type { RunResult, StepOutcome, WorkflowRun } from "../../src/engine/run.types";
import { renderInApp, StepContentError } from "../../src/steps/in-app";
import type { InboxWorkflow, NewInAppMessage } from "./inbox.types";

export type RunEffects = {
  /** Stores an in-app message; false when this transaction already delivered this step. */
  deliverInApp(message: NewInAppMessage): boolean;
};

/**
 * Runs a trigger's steps in order for one subscriber. Channels other than in_app and the action steps arrive with
 * the workflow engine; until then they are reported as skipped rather than silently dropped.
 */
export async function runWorkflow(run: WorkflowRun, effects: RunEffects): Promise<RunResult> {
  const variables = {
    subscriber: run.subscriber,
    payload: run.payload,
    actor: run.actor,
    tenant: run.tenant,
    context: run.context,
  };
  const workflow: InboxWorkflow = {
    id: run.workflow._id,
    identifier: run.workflow.workflowId,
    name: run.workflow.name,
    critical: run.workflow.critical,
    tags: run.workflow.tags,
    severity: run.workflow.severity,
  };
  const steps: StepOutcome[] = [];
  let duplicate = false;
  for (const step of run.workflow.steps) {
    if (step.type !== "in_app") {
      steps.push({
        stepId: step.stepId,
        type: step.type,
        status: "skipped",
        detail: `${step.type} steps are not supported yet`,
      });
      continue;
    }
    try {
      const content = await renderInApp(step.controlValues, variables);
      const stored = effects.deliverInApp({
        transactionId: run.transactionId,
        stepId: step.stepId,
        workflow,
        content,
      });
      duplicate ||= !stored;
      steps.push({
        stepId: step.stepId,
        type: step.type,
        status: stored ? "completed" : "skipped",
        detail: stored ? undefined : "duplicate transactionId",
      });
    } catch (error) {
      if (!(error instanceof StepContentError)) throw error;
      steps.push({
        stepId: step.stepId,
        type: step.type,
        status: "failed",
        detail: `Message content could not be generated: ${error.message}`,
      });
    }
  }
  return { transactionId: run.transactionId, duplicate, steps };
}
