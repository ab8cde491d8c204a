import type { ExecuteInput, ExecuteResult } from "../../src/bridge/bridge.schemas";
import { BridgeError } from "../../src/bridge/bridge-client";
import { keysOfContext } from "../../src/contexts/context.mapper";
import type { DeliveryJob } from "../../src/delivery/delivery.types";
import { preferenceReasonText, resolveChannelPreference } from "../../src/engine/channel-preference";
import { type ConditionData, shouldSkip } from "../../src/engine/conditions";
import { resumeAt } from "../../src/engine/delay";
import { digestKeyValue, digestOutput, digestPlan } from "../../src/engine/digest";
import type { RunState, StepOutcome, StepStatus } from "../../src/engine/run.types";
import { throttleDecision, throttleKey } from "../../src/engine/throttle";
import { objectId } from "../../src/lib/ids";
import { isExternalChannel, renderChannelContent } from "../../src/steps/channel-content";
import { wrapInLayout } from "../../src/steps/email-layout";
import { renderInApp, StepContentError } from "../../src/steps/in-app";
import { asRendered, type Render, withLiquid } from "../../src/templates/liquid";
import type { ChannelType, StoredStep } from "../../src/workflows/workflow.types";
import { executeInput } from "./bridge-step";
import type { DigestEvent } from "./inbox.schema";
import { findNotification, type InboxDb, insertNotification } from "./inbox.store";
import type { InboxWorkflow, NewInAppMessage } from "./inbox.types";
import { loadPreferences } from "./preferences.store";
import * as store from "./run.store";

export type ExecutorEffects = {
  db: InboxDb;
  now: () => number;
  /** A new in-app message was stored: push it to the subscriber's sockets. */
  received(message: NonNullable<ReturnType<typeof insertNotification>>): void;
  enqueueDelivery(job: DeliveryJob): Promise<void>;
  /** Runs one step of a code-first workflow on the environment's bridge (`action=execute`). */
  executeOnBridge(input: ExecuteInput): Promise<ExecuteResult>;
  /** `{{env.KEY}}` in clear, opened by the runner for this execution only. */
  environmentVariables: Record<string, string>;
};

/** Where a run stands after executing: finished, waiting (a delay or digest window), or folded into a digest. */
export type Progress =
  | { kind: "done" }
  | { kind: "paused"; nextStep: number; resumeAt: number }
  | { kind: "merged" };

function record(state: RunState, step: StoredStep, status: StepStatus, detail?: string): void {
  const outcome: StepOutcome = {
    stepId: step.stepId,
    type: step.type,
    status,
    ...(detail ? { detail } : {}),
  };
  const index = state.steps.findIndex((s) => s.stepId === step.stepId);
  if (index >= 0) state.steps[index] = outcome;
  else state.steps.push(outcome);
}

/** Marks the steps after `from` as pending (waiting) or skipped (the run stopped), as Novu's job statuses do. */
function markRest(state: RunState, from: number, status: "pending" | "skipped", detail?: string): void {
  for (const step of state.run.workflow.steps.slice(from)) record(state, step, status, detail);
}

function inboxWorkflow(state: RunState): InboxWorkflow {
  const { workflow } = state.run;
  return {
    id: workflow._id,
    identifier: workflow.workflowId,
    name: workflow.name,
    critical: workflow.critical,
    tags: workflow.tags,
    severity: workflow.severity,
  };
}

/** `steps.<stepId>` as templates and conditions see it; in-app steps report their message's current state. */
function stepOutputs(state: RunState, db: InboxDb): Record<string, Record<string, unknown>> {
  const outputs: Record<string, Record<string, unknown>> = {};
  for (const [stepId, output] of Object.entries(state.outputs)) {
    const row = typeof output.messageId === "string" ? findNotification(db, output.messageId) : undefined;
    outputs[stepId] = row
      ? {
          ...output,
          read: row.readAt !== null,
          seen: row.firstSeenAt !== null,
          lastReadDate: row.readAt === null ? null : new Date(row.readAt).toISOString(),
          lastSeenDate: row.firstSeenAt === null ? null : new Date(row.firstSeenAt).toISOString(),
        }
      : output;
  }
  return outputs;
}

function providerOverrides(state: RunState, stepId: string): DeliveryJob["providerOverrides"] {
  const { overrides } = state.run;
  const merged: DeliveryJob["providerOverrides"] = { ...overrides.providers };
  for (const [providerId, values] of Object.entries(overrides.steps?.[stepId]?.providers ?? {})) {
    merged[providerId] = { ...merged[providerId], ...values };
  }
  return merged;
}

/** Why the subscriber's preferences (or the workflow's) keep this channel from them, if they do. */
function blockedByPreferences(state: RunState, channel: ChannelType, db: InboxDb): string | undefined {
  const { workflow } = state.run;
  const choices = loadPreferences(db);
  const resolution = resolveChannelPreference({
    channel,
    workflow: { critical: workflow.critical, preferences: workflow.preferences },
    subscriberGlobal: { channels: choices.global },
    subscriberWorkflow: { channels: choices.workflows[workflow.workflowId] },
  });
  return resolution.enabled ? undefined : preferenceReasonText[resolution.reason];
}

/**
 * How a step's controls are obtained. Dashboard workflows: the stored control values, rendered with Liquid, after
 * the step's JSON-logic `skip`. Code-first workflows: the bridge executes the step (its `skip` callback included) and
 * returns content already rendered. A bridge failure stops the run: later steps would need this step's result.
 */
type Resolution =
  | { kind: "run"; controls: Record<string, unknown>; render: Render; codeFirst: boolean }
  | { kind: "skip"; detail: string }
  | { kind: "fail"; detail: string; stopsRun: boolean };

async function resolveStep(
  state: RunState,
  index: number,
  variables: ConditionData & { steps: Record<string, Record<string, unknown>> },
  effects: ExecutorEffects,
): Promise<Resolution> {
  const step = state.run.workflow.steps[index] as StoredStep;
  if (state.run.workflow.origin !== "external") {
    const skip = shouldSkip(step.controlValues.skip, variables);
    if (!skip.ok) return { kind: "fail", detail: `Invalid step condition: ${skip.error}`, stopsRun: false };
    if (skip.skip) return { kind: "skip", detail: "Step condition met: skipped" };
    return {
      kind: "run",
      controls: step.controlValues,
      render: withLiquid(variables, state.run.translations),
      codeFirst: false,
    };
  }
  try {
    const result = await effects.executeOnBridge(executeInput(state, index, variables.steps));
    if (result.options?.skip)
      return { kind: "skip", detail: "Skipped by the step's skip function on the bridge" };
    return { kind: "run", controls: result.outputs, render: asRendered, codeFirst: true };
  } catch (error) {
    if (!(error instanceof BridgeError)) throw error;
    return { kind: "fail", detail: `Bridge execution failed: ${error.message}`, stopsRun: true };
  }
}

function missingContact(state: RunState, step: StoredStep): string | undefined {
  if (step.type === "email" && !state.run.subscriber.email)
    return "Subscriber does not have an email address";
  if (step.type === "sms" && !state.run.subscriber.phone) return "Subscriber is missing a phone number";
  return undefined;
}

/**
 * Executes a run's steps from `from` on, in this subscriber's Durable Object: channel steps deliver, a delay or a
 * digest window pauses the run (the object's alarm resumes it), a joined digest folds the run into the window's
 * leader, a throttle or an action-step failure ends it. `state` is updated in place with outputs and outcomes.
 */
export async function execute(state: RunState, from: number, effects: ExecutorEffects): Promise<Progress> {
  const { db } = effects;
  const { run } = state;
  const steps = run.workflow.steps;
  for (let index = from; index < steps.length; index++) {
    const step = steps[index] as StoredStep;
    const now = effects.now();
    const variables = {
      subscriber: run.subscriber,
      payload: run.payload,
      actor: run.actor,
      tenant: run.tenant,
      context: run.context,
      env: effects.environmentVariables,
      steps: stepOutputs(state, db),
    };
    const resolution = await resolveStep(state, index, variables, effects);
    if (resolution.kind === "skip") {
      record(state, step, "skipped", resolution.detail);
      continue;
    }
    if (resolution.kind === "fail") {
      record(state, step, "failed", resolution.detail);
      if (!resolution.stopsRun) continue;
      markRest(state, index + 1, "skipped", "A previous step failed");
      return { kind: "done" };
    }
    const { controls, render, codeFirst } = resolution;
    try {
      switch (step.type) {
        case "in_app": {
          const blocked = blockedByPreferences(state, "in_app", db);
          if (blocked) {
            record(state, step, "skipped", blocked);
            break;
          }
          const content = await renderInApp(controls, render);
          const message: NewInAppMessage = {
            transactionId: run.transactionId,
            stepId: step.stepId,
            workflow: inboxWorkflow(state),
            contextKeys: keysOfContext(run.context),
            content,
          };
          const row = insertNotification(db, message, now);
          if (row) {
            effects.received(row);
            state.outputs[step.stepId] = { messageId: row.id };
          }
          record(state, step, "completed");
          break;
        }
        case "delay": {
          const timing = resumeAt(controls, {
            now,
            payload: run.payload,
            subscriberTimezone: run.subscriber.timezone,
          });
          if (!timing.ok) {
            record(state, step, "failed", timing.reason);
            markRest(state, index + 1, "skipped", "A previous delay step failed");
            return { kind: "done" };
          }
          // `steps.<delayStepId>.duration`, as Novu reports a delay's result to later steps.
          state.outputs[step.stepId] = { duration: Math.max(0, timing.at - now) };
          if (timing.at > now) {
            record(state, step, "delayed", `Resumes at ${new Date(timing.at).toISOString()}`);
            markRest(state, index + 1, "pending");
            return { kind: "paused", nextStep: index + 1, resumeAt: timing.at };
          }
          record(state, step, "completed");
          break;
        }
        case "digest": {
          const progress = digest(state, step, index, effects, controls, codeFirst);
          if (progress) return progress;
          break;
        }
        case "throttle": {
          const key = throttleKey({
            workflowId: run.workflow.workflowId,
            stepId: step.stepId,
            throttleKey: controls.throttleKey,
            payload: run.payload,
            keyIsValue: codeFirst,
          });
          const decision = throttleDecision(controls, {
            now,
            payload: run.payload,
            recentRunTimes: store.throttledSince(db, key, now - 366 * 86_400_000),
          });
          if (!decision.allow) {
            const detail =
              "error" in decision ? decision.error : "Throttled: the limit for this window was reached";
            record(state, step, "skipped", detail);
            markRest(state, index + 1, "skipped", "Throttled");
            return { kind: "done" };
          }
          store.noteThrottled(db, key, now);
          record(state, step, "completed", "warning" in decision ? decision.warning : undefined);
          break;
        }
        default: {
          if (step.type === "custom" && codeFirst) {
            state.outputs[step.stepId] = controls;
            record(state, step, "completed");
            break;
          }
          if (!isExternalChannel(step.type)) {
            record(state, step, "skipped", `${step.type} steps run only on a bridge`);
            break;
          }
          const missing = blockedByPreferences(state, step.type, db) ?? missingContact(state, step);
          if (missing) {
            record(state, step, "skipped", missing);
            break;
          }
          const rendered = await renderChannelContent(step.type, controls, render);
          // Layouts wrap dashboard emails only: a bridge returns the whole email as its author built it.
          const content =
            step.type === "email" && !codeFirst
              ? await wrapInLayout(rendered, run.layouts?.[step.stepId], variables)
              : rendered;
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
            providerOverrides: providerOverrides(state, step.stepId),
          });
          record(state, step, "queued");
        }
      }
    } catch (error) {
      if (!(error instanceof StepContentError)) throw error;
      record(state, step, "failed", `Message content could not be generated: ${error.message}`);
    }
  }
  return { kind: "done" };
}

/**
 * One digest step: join the group's open window (this run is merged into the leader's), send at once when a
 * look-back window found the group quiet, or open a window and wait for it to close. Undefined means "go on".
 */
function digest(
  state: RunState,
  step: StoredStep,
  index: number,
  effects: ExecutorEffects,
  controls: Record<string, unknown>,
  codeFirst: boolean,
): Progress | undefined {
  const { db } = effects;
  const { run } = state;
  const now = effects.now();
  // A bridge returns the digest key's value; a dashboard workflow names a payload path.
  const key = codeFirst ? String(controls.digestKey ?? "") : digestKeyValue(controls.digestKey, run.payload);
  const group = `${run.workflow.workflowId}:${step.stepId}:${key}`;
  const event: DigestEvent = {
    id: run.transactionId,
    transactionId: run.transactionId,
    time: new Date(now).toISOString(),
    payload: run.payload,
  };
  const open = store.openDigest(db, group);
  const decision = digestPlan(controls, {
    now,
    openWindow: open ? { closesAt: open.closesAt } : null,
    lastEventAt: store.lastDigestEvent(db, group),
    subscriberTimezone: run.subscriber.timezone,
  });
  store.noteDigestEvent(db, group, now);
  state.outputs[step.stepId] = { group };
  switch (decision.kind) {
    case "join-window":
      if (open) store.setDigest(db, group, { events: [...open.events, event] });
      record(state, step, "merged", `Merged into the digest led by ${open?.leader}`);
      markRest(state, index + 1, "skipped", "Merged into another digest");
      return { kind: "merged" };
    case "send-now":
      state.outputs[step.stepId] = { group, ...digestOutput([event]) };
      record(state, step, "completed", "No event in the look-back window: sent at once");
      return undefined;
    case "open-window":
      store.startDigest(db, group, run.transactionId, decision.closesAt, event);
      record(state, step, "delayed", `Collecting events until ${new Date(decision.closesAt).toISOString()}`);
      markRest(state, index + 1, "pending");
      return { kind: "paused", nextStep: index + 1, resumeAt: decision.closesAt };
    case "invalid":
      record(state, step, "failed", decision.reason);
      markRest(state, index + 1, "skipped", "A previous digest step failed");
      return { kind: "done" };
  }
}

/**
 * Completes the step a run waited on before it resumes: a delay is simply over; a digest's leader picks up every
 * event collected for its group while the window was open.
 */
export function finishWait(state: RunState, stepIndex: number, db: InboxDb): void {
  const step = state.run.workflow.steps[stepIndex];
  if (step?.type === "delay") record(state, step, "completed");
  if (step?.type !== "digest") return;
  const window = store.digestLedBy(db, state.run.transactionId);
  const events = window?.events ?? [];
  if (window) store.closeDigest(db, window.group);
  state.outputs[step.stepId] = { ...state.outputs[step.stepId], ...digestOutput(events) };
  record(state, step, "completed", `Digested ${events.length} event(s)`);
}
