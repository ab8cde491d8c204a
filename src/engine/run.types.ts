import type { SubscriberChannel } from "../db/schema";
import type { Severity, StoredStep, WorkflowPreferences } from "../workflows/workflow.types";

/** The subscriber as templates see it (`{{subscriber.firstName}}`). */
export type SubscriberContext = {
  _id: string;
  subscriberId: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  avatar: string | null;
  locale: string | null;
  timezone: string | null;
  data: Record<string, unknown> | null;
  channels: SubscriberChannel[];
};

/**
 * Trigger overrides as Novu documents them: per provider, and per step (the step's win). `layoutId` picks an email
 * step's layout for this trigger: `null` sends it without one.
 */
export type TriggerOverrides = {
  providers?: Record<string, Record<string, unknown>>;
  steps?: Record<string, { providers?: Record<string, Record<string, unknown>>; layoutId?: string | null }>;
  channels?: { email?: { layoutId?: string | null } };
};

/** Everything a SubscriberDO needs to run one trigger for its subscriber, without reading D1. */
export type WorkflowRun = {
  transactionId: string;
  environmentId: string;
  subscriber: SubscriberContext;
  workflow: {
    _id: string;
    workflowId: string;
    name: string;
    critical: boolean;
    tags: string[];
    severity: Severity;
    steps: StoredStep[];
    preferences: WorkflowPreferences;
    /** `external` workflows are code-first: their steps run on the environment's bridge. */
    origin?: "novu-cloud" | "novu-cloud-v1" | "external";
  };
  payload: Record<string, unknown>;
  actor: SubscriberContext | null;
  tenant: unknown;
  context: Record<string, unknown>;
  overrides: TriggerOverrides;
  /**
   * The HTML layout of each email step by stepId, resolved when the trigger was accepted (default layout, the step's
   * own, or `null` for none), so no step reads D1.
   */
  layouts?: Record<string, string | null>;
  /**
   * The workflow's translations in this subscriber's locale, the default locale filling its gaps; absent when the
   * workflow does not enable translations.
   */
  translations?: Record<string, unknown>;
  /** The environment's variables (`{{env.KEY}}`), secrets sealed until rendered. */
  env?: Record<string, { value: string; sealed: boolean }>;
};

export type StepStatus =
  | "completed"
  | "queued"
  | "skipped"
  | "failed"
  | "delayed"
  | "pending"
  | "canceled"
  | "merged";
export type StepOutcome = { stepId: string; type: StoredStep["type"]; status: StepStatus; detail?: string };
export type RunResult = { transactionId: string; duplicate: boolean; steps: StepOutcome[] };

/** A run in progress: the trigger, what its finished steps produced (`steps.<stepId>` in templates), its outcomes. */
export type RunState = {
  run: WorkflowRun;
  outputs: Record<string, Record<string, unknown>>;
  steps: StepOutcome[];
};
