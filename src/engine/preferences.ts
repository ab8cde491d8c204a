import type { ChannelPreferences, ChannelType, WorkflowPreferences } from "../workflows/workflow.types";

export type ChannelToggles = Partial<Record<ChannelType, boolean>>;

/** A subscriber's own choices: the global row, and one row per workflow they changed. */
export type SubscriberPreferences = { global: ChannelToggles; workflows: Record<string, ChannelToggles> };

/** The workflow's own setting for a channel: its per-channel switch, else `all.enabled`. */
export function workflowAllows(preferences: ChannelPreferences, channel: ChannelType): boolean {
  return preferences.channels[channel]?.enabled ?? preferences.all.enabled;
}

/** The preferences a workflow applies: what its author set for subscribers (`user`) over the defaults. */
export function effectiveWorkflowPreferences(preferences: WorkflowPreferences): ChannelPreferences {
  return preferences.user ?? preferences.default;
}

export type Resolution = { enabled: boolean; reason: string };

/**
 * Whether a channel step reaches the subscriber, in Novu's order: the workflow must allow the channel; a critical
 * (read-only) workflow ignores the subscriber's opt-outs; otherwise a global opt-out, then a per-workflow opt-out,
 * turns the channel off. A subscriber can only narrow what the workflow allows, never widen it.
 */
export function resolveChannel(input: {
  channel: ChannelType;
  workflowId: string;
  critical: boolean;
  preferences: WorkflowPreferences;
  subscriber: SubscriberPreferences;
}): Resolution {
  const workflow = effectiveWorkflowPreferences(input.preferences);
  if (!workflowAllows(workflow, input.channel))
    return { enabled: false, reason: `The workflow disables ${input.channel}` };
  if (input.critical || workflow.all.readOnly)
    return { enabled: true, reason: "Critical workflow: preferences ignored" };
  if (input.subscriber.global[input.channel] === false) {
    return { enabled: false, reason: `The subscriber turned ${input.channel} off globally` };
  }
  if (input.subscriber.workflows[input.workflowId]?.[input.channel] === false) {
    return { enabled: false, reason: `The subscriber turned ${input.channel} off for this workflow` };
  }
  return { enabled: true, reason: "Allowed" };
}
