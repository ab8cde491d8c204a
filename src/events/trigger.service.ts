import type { Tenant } from "../app-env";
import { database } from "../db/client";
import type { SubscriberRow } from "../db/schema";
import type { SubscriberContext, WorkflowRun } from "../engine/run.types";
import { HttpError } from "../http/http-error";
import { inboxOf } from "../inbox/inbox-stub";
import { ensureSubscribers } from "../subscribers/subscriber.service";
import { findWorkflow } from "../workflows/workflow.service";
import type { Recipient, SubscriberPayload, TriggerInput, TriggerResult } from "./trigger.schemas";

function asPayload(recipient: Recipient): SubscriberPayload {
  return typeof recipient === "string" ? { subscriberId: recipient } : recipient;
}

/** One entry per subscriberId; when a subscriber is listed twice its profile fields are merged, later ones winning. */
function uniqueRecipients(to: TriggerInput["to"]): SubscriberPayload[] {
  const byId = new Map<string, SubscriberPayload>();
  for (const recipient of (Array.isArray(to) ? to : [to]).map(asPayload)) {
    byId.set(recipient.subscriberId, { ...byId.get(recipient.subscriberId), ...recipient });
  }
  return [...byId.values()];
}

function toContext(row: SubscriberRow): SubscriberContext {
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

/**
 * Accepts a trigger: validates the workflow, makes sure each recipient exists, and hands one run per recipient to
 * that subscriber's Durable Object. It answers once every run is stored, so an acknowledged trigger is never lost.
 */
export async function triggerWorkflow(env: Env, tenant: Tenant, input: TriggerInput): Promise<TriggerResult> {
  const db = database(env);
  const workflow = await findWorkflow(db, tenant, input.name);
  if (!workflow) {
    throw new HttpError(422, "workflow_not_found", {
      errors: { name: { messages: [`Workflow '${input.name}' was not found`], value: input.name } },
    });
  }
  const transactionId = input.transactionId ?? crypto.randomUUID();
  if (!workflow.active) return { acknowledged: true, status: "trigger_not_active", transactionId };
  if (workflow.steps.length === 0)
    return { acknowledged: true, status: "no_workflow_steps_defined", transactionId };

  const recipients = uniqueRecipients(input.to);
  const actor = input.actor ? asPayload(input.actor) : undefined;
  const subscribers = await ensureSubscribers(db, tenant, actor ? [...recipients, actor] : recipients);
  const actorRow = actor ? subscribers.get(actor.subscriberId) : undefined;

  const runFor = (row: SubscriberRow): WorkflowRun => ({
    transactionId,
    environmentId: tenant.id,
    subscriber: toContext(row),
    workflow: {
      _id: workflow.id,
      workflowId: workflow.workflowId,
      name: workflow.name,
      critical: workflow.critical,
      tags: workflow.tags,
      severity: workflow.severity,
      steps: workflow.steps,
    },
    payload: input.payload,
    actor: actorRow ? toContext(actorRow) : null,
    tenant: input.tenant ?? null,
    context: input.context ?? {},
    overrides: input.overrides ?? {},
  });

  await Promise.all(
    recipients.map((recipient) => {
      const row = subscribers.get(recipient.subscriberId);
      if (!row) throw new Error(`subscriber ${recipient.subscriberId} missing after upsert`);
      return inboxOf(env, tenant.id, row.subscriberId).run(runFor(row));
    }),
  );
  return { acknowledged: true, status: "processed", transactionId };
}
