import type { RunContexts } from "../contexts/trigger-context";
import type { SubscriberRow, WorkflowRow } from "../db/schema";
import type { SubscriberContext, WorkflowRun } from "../engine/run.types";
import { translationsFor, type WorkflowTranslations } from "../translations/translation.delivery";
import type { RunResources } from "./run-resources";
import type { TriggerInput } from "./trigger.schemas";

/**
 * A run without its subscriber: what every recipient of one trigger shares, translations in every locale (each
 * recipient's run keeps only its own).
 */
export type RunTemplate = Omit<WorkflowRun, "subscriber" | "translations"> & {
  translations?: WorkflowTranslations;
};

export function toSubscriberContext(row: SubscriberRow): SubscriberContext {
  return {
    _id: row.id,
    subscriberId: row.subscriberId,
    firstName: row.firstName,
    lastName: row.lastName,
    email: row.email,
    phone: row.phone,
    avatar: row.avatar,
    locale: row.locale,
    timezone: row.timezone,
    data: row.data,
    channels: row.channels,
  };
}

/** `context` is the trigger's contexts as stored (`upsertTriggerContexts`), not as the request named them. */
export function runTemplate(
  input: Pick<TriggerInput, "payload" | "tenant" | "overrides"> & { context: RunContexts },
  workflow: WorkflowRow,
  environmentId: string,
  transactionId: string,
  actor: SubscriberRow | undefined,
  resources: RunResources = {},
): RunTemplate {
  return {
    transactionId,
    environmentId,
    workflow: {
      _id: workflow.id,
      workflowId: workflow.workflowId,
      name: workflow.name,
      critical: workflow.critical,
      tags: workflow.tags,
      severity: workflow.severity,
      steps: workflow.steps,
      preferences: workflow.preferences,
      origin: workflow.origin,
    },
    payload: input.payload,
    actor: actor ? toSubscriberContext(actor) : null,
    tenant: input.tenant ?? null,
    context: input.context,
    overrides: input.overrides ?? {},
    ...resources,
  };
}

export function runFor(template: RunTemplate, subscriber: SubscriberRow): WorkflowRun {
  const { translations, ...shared } = template;
  return {
    ...shared,
    subscriber: toSubscriberContext(subscriber),
    ...(translations ? { translations: translationsFor(translations, subscriber.locale) } : {}),
  };
}
