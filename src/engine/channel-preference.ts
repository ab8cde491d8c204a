import type { ChannelPreferences, ChannelType, WorkflowPreferences } from "../workflows/workflow.types";

/**
 * A subscriber's own choice, global or for one workflow, in the shape Novu's preference APIs use:
 * `{ enabled: false }` turns everything off, `{ channels: { email: false } }` one channel. Unset means "no opinion".
 */
export type SubscriberChoice = { enabled?: boolean; channels?: Partial<Record<ChannelType, boolean>> };

export type PreferenceReason =
  | "workflow-disabled"
  | "critical"
  | "read-only"
  | "subscriber-global-disabled"
  | "subscriber-workflow-disabled"
  | "enabled";

export const preferenceReasonText: Record<PreferenceReason, string> = {
  "workflow-disabled": "The workflow's channel preferences disable this channel",
  critical: "Critical workflow: subscriber preferences are ignored",
  "read-only": "Read-only workflow preferences: subscriber preferences are ignored",
  "subscriber-global-disabled": "Step filtered by subscriber global preferences",
  "subscriber-workflow-disabled": "Step filtered by subscriber preferences",
  enabled: "Allowed by preferences",
};

export type ChannelPreferenceInput = {
  channel: ChannelType;
  workflow: { critical: boolean; preferences: WorkflowPreferences };
  subscriberGlobal?: SubscriberChoice | null;
  subscriberWorkflow?: SubscriberChoice | null;
};

/**
 * The workflow's own switch for a channel. Novu deep-merges the author's `user` preferences over the `default`
 * ones, then reads a channel's `enabled`, falling back to `all.enabled` when neither level sets the channel.
 */
export function workflowChannelEnabled(preferences: WorkflowPreferences, channel: ChannelType): boolean {
  const levels: (ChannelPreferences | null)[] = [preferences.user, preferences.default];
  for (const level of levels) {
    const enabled = level?.channels[channel]?.enabled;
    if (enabled !== undefined) return enabled;
  }
  return preferences.user?.all.enabled ?? preferences.default.all.enabled;
}

function turnsOff(choice: SubscriberChoice | null | undefined, channel: ChannelType): boolean {
  return choice?.enabled === false || choice?.channels?.[channel] === false;
}

/**
 * Whether a channel step reaches the subscriber, in Novu's documented order
 * (workflow channel preferences > subscriber global > subscriber per-workflow):
 * 1. a channel the workflow disables is never sent, whatever the subscriber chose;
 * 2. a critical workflow, or one whose preferences are `readOnly` (at either level, as Novu's MergePreferences
 *    checks), ignores every subscriber choice and delivers;
 * 3. a global opt-out wins over a per-workflow opt-in (Novu checks the global preference first);
 * 4. then the per-workflow choice. A subscriber can only narrow what the workflow allows, never widen it.
 */
export function resolveChannelPreference(input: ChannelPreferenceInput): {
  enabled: boolean;
  reason: PreferenceReason;
} {
  const { channel, workflow } = input;
  if (!workflowChannelEnabled(workflow.preferences, channel))
    return { enabled: false, reason: "workflow-disabled" };
  if (workflow.critical) return { enabled: true, reason: "critical" };
  if (workflow.preferences.default.all.readOnly || workflow.preferences.user?.all.readOnly) {
    return { enabled: true, reason: "read-only" };
  }
  if (turnsOff(input.subscriberGlobal, channel))
    return { enabled: false, reason: "subscriber-global-disabled" };
  if (turnsOff(input.subscriberWorkflow, channel))
    return { enabled: false, reason: "subscriber-workflow-disabled" };
  return { enabled: true, reason: "enabled" };
}
