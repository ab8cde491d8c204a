import type { DeliveryJob } from "../../src/delivery/delivery.types";
import type { RunResult, StepOutcome, WorkflowRun } from "../../src/engine/run.types";
import { objectId } from "../../src/lib/ids";
import { isExternalChannel, renderChannelContent } from "../../src/steps/channel-content";
import { renderInApp, StepContentError } from "../../src/steps/in-app";
import type { StoredStep } from "../../src/workflows/workflow.types";
import type { InboxWorkflow, NewInAppMessage } from "./inbox.types";

export type RunEffects = {
  deliverInApp(message: NewInAppMessage): void;
  enqueueDelivery(job: DeliveryJob): Promise<void>;
};

/** Step-level provider overrides win over the trigger's workflow-level ones, provider by provider. */
function providerOverrides(run: WorkflowRun, stepId: string): DeliveryJob["providerOverrides"] {
  const merged: DeliveryJob["providerOverrides"] = { ...run.overrides.providers };
  for (const [providerId, values] of Object.entries(run.overrides.steps?.[stepId]?.providers ?? {})) {
    merged[providerId] = { ...merged[providerId], ...values };
  }
  return merged;
}

/** Novu's reasons for skipping a channel the subscriber cannot be reached on, checked before rendering. */
function missingContact(run: WorkflowRun, step: StoredStep): string | undefined {
  if (step.type === "email" && !run.subscriber.email) return "Subscriber does not have an email address";
  if (step.type === "sms" && !run.subscriber.phone) return "Subscriber is missing a phone number";
  return undefined;
}

/**
 * Runs a trigger's steps in order for one subscriber: in_app lands in the inbox, email/sms/push/chat are rendered
 * and queued for delivery. Delay, digest, throttle and custom steps arrive with the workflow engine; until then they
 * are reported as skipped rather than silently dropped.
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
  for (const step of run.workflow.steps) {
    const outcome = (status: StepOutcome["status"], detail?: string) =>
      steps.push({ stepId: step.stepId, type: step.type, status, detail });
    try {
      if (step.type === "in_app") {
        const content = await renderInApp(step.controlValues, variables);
        effects.deliverInApp({ transactionId: run.transactionId, stepId: step.stepId, workflow, content });
        outcome("completed");
      } else if (isExternalChannel(step.type)) {
        const missing = missingContact(run, step);
        if (missing) {
          outcome("skipped", missing);
          continue;
        }
        const content = await renderChannelContent(step.type, step.controlValues, variables);
        await effects.enqueueDelivery({
          messageId: objectId(),
          environmentId: run.environmentId,
          subscriberId: run.subscriber.subscriberId,
          transactionId: run.transactionId,
          workflowId: run.workflow.workflowId,
          stepId: step.stepId,
          channel: step.type,
          content,
          recipient: {
            email: run.subscriber.email,
            phone: run.subscriber.phone,
            channels: run.subscriber.channels,
          },
          providerOverrides: providerOverrides(run, step.stepId),
        });
        outcome("queued");
      } else {
        outcome("skipped", `${step.type} steps are not supported yet`);
      }
    } catch (error) {
      if (!(error instanceof StepContentError)) throw error;
      outcome("failed", `Message content could not be generated: ${error.message}`);
    }
  }
  return { transactionId: run.transactionId, duplicate: false, steps };
}
