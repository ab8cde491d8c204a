export const stepTypes = [
  "in_app",
  "email",
  "sms",
  "chat",
  "push",
  "digest",
  "delay",
  "throttle",
  "custom",
] as const;
export type StepType = (typeof stepTypes)[number];

export const channelTypes = ["in_app", "email", "sms", "chat", "push"] as const;
export type ChannelType = (typeof channelTypes)[number];

export const severities = ["high", "medium", "low", "none"] as const;
export type Severity = (typeof severities)[number];

/** A step as stored with its workflow; `controlValues` are whatever the step type's control schema accepts. */
export type StoredStep = {
  _id: string;
  stepId: string;
  name: string;
  type: StepType;
  controlValues: Record<string, unknown>;
  /** For code-first steps, the JSON Schema of the controls the bridge declared (defaults included). */
  controlSchema?: Record<string, unknown>;
};

export type ChannelPreferences = {
  all: { enabled: boolean; readOnly: boolean };
  channels: Partial<Record<ChannelType, { enabled: boolean }>>;
};

export type WorkflowPreferences = { user: ChannelPreferences | null; default: ChannelPreferences };

export const defaultChannelPreferences: ChannelPreferences = {
  all: { enabled: true, readOnly: false },
  channels: {
    in_app: { enabled: true },
    email: { enabled: true },
    sms: { enabled: true },
    chat: { enabled: true },
    push: { enabled: true },
  },
};
