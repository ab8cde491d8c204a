import { and, eq, inArray } from "drizzle-orm";
import { recordActivity } from "../activity/activity.recorder";
import { transactionRecipients } from "../activity/activity.service";
import type { Tenant } from "../app-env";
import { upsertTriggerContexts } from "../contexts/trigger-context";
import { type Database, database } from "../db/client";
import { type SubscriberRow, topics, type WorkflowRow } from "../db/schema";
import { startFanout } from "../fanout/fanout";
import { HttpError } from "../http/http-error";
import { inboxOf } from "../inbox/inbox-stub";
import { ensureSubscribers, sendsProfiles } from "../subscribers/subscriber.service";
import { cachedSubscribers } from "../subscribers/subscriber-cache";
import { assertValidPayload } from "../workflows/payload-validation";
import { cachedWorkflow } from "../workflows/workflow-cache";
import { runFor, runTemplate } from "./run-builder";
import { loadRunResources } from "./run-resources";
import type {
  BroadcastInput,
  Recipient,
  SubscriberPayload,
  TopicRecipient,
  TriggerInput,
  TriggerResult,
} from "./trigger.schemas";

function asPayload(recipient: Recipient): SubscriberPayload {
  return typeof recipient === "string" ? { subscriberId: recipient } : recipient;
}

const isTopic = (
  recipient: TriggerInput["to"] extends (infer R)[] | infer S ? R | S : never,
): recipient is TopicRecipient =>
  typeof recipient === "object" && "type" in recipient && recipient.type === "Topic";

/** One entry per subscriberId; when a subscriber is listed twice its profile fields are merged, later ones winning. */
function uniqueSubscribers(recipients: Recipient[]): SubscriberPayload[] {
  const byId = new Map<string, SubscriberPayload>();
  for (const recipient of recipients.map(asPayload)) {
    byId.set(recipient.subscriberId, { ...byId.get(recipient.subscriberId), ...recipient });
  }
  return [...byId.values()];
}

/** Hands work to the request's `waitUntil`, so it finishes after the response is sent. */
export type Background = (work: Promise<unknown>) => void;

type Accepted = { workflow: WorkflowRow; transactionId: string } | { early: TriggerResult };

/** Resolves the workflow, or says why nothing will run: unknown (422), inactive, or without steps. */
async function accept(
  db: Database,
  tenant: Tenant,
  input: Pick<TriggerInput, "name" | "transactionId" | "payload">,
): Promise<Accepted> {
  const { name, transactionId } = input;
  const workflow = await cachedWorkflow(db, tenant, name);
  if (!workflow) {
    throw new HttpError(422, "workflow_not_found", {
      errors: { name: { messages: [`Workflow '${name}' was not found`], value: name } },
    });
  }
  const id = transactionId ?? crypto.randomUUID();
  if (!workflow.active)
    return { early: { acknowledged: true, status: "trigger_not_active", transactionId: id } };
  if (workflow.steps.length === 0) {
    return { early: { acknowledged: true, status: "no_workflow_steps_defined", transactionId: id } };
  }
  assertValidPayload(workflow, input.payload);
  return { workflow, transactionId: id };
}

/**
 * Accepts a trigger: subscribers named directly are upserted (one D1 batch) and run in their Durable Objects before
 * the answer, so an acknowledged trigger is never lost; topics fan out through the FANOUT queue, the actor and
 * `exclude` left out.
 */
export async function triggerWorkflow(
  env: Env,
  tenant: Tenant,
  input: TriggerInput,
  background: Background,
): Promise<TriggerResult> {
  const db = database(env);
  const recipients = Array.isArray(input.to) ? input.to : [input.to];
  const topicRecipients = recipients.filter(isTopic);
  const direct = uniqueSubscribers(recipients.filter((r): r is Recipient => !isTopic(r)));
  const actor = input.actor ? asPayload(input.actor) : undefined;
  const wanted = actor ? [...direct, actor] : direct;
  // Reads only, so they may run beside the workflow lookup: nothing is written before the workflow is known.
  const [accepted, known] = await Promise.all([
    accept(db, tenant, input),
    sendsProfiles(wanted) || wanted.length === 0
      ? undefined
      : cachedSubscribers(
          db,
          tenant,
          wanted.map((r) => r.subscriberId),
        ),
  ]);
  if ("early" in accepted) return accepted.early;
  const [rows, resources, context] = await Promise.all([
    ensureSubscribers(db, tenant, wanted, known),
    loadRunResources(db, tenant, accepted.workflow, input.overrides ?? {}),
    upsertTriggerContexts(db, tenant, input.context),
  ]);
  const template = runTemplate(
    { ...input, context },
    accepted.workflow,
    tenant.id,
    accepted.transactionId,
    actor && rows.get(actor.subscriberId),
    resources,
  );

  const runs = await Promise.all(
    direct.map(async (recipient) => {
      const subscriber = rows.get(recipient.subscriberId);
      if (!subscriber) throw new Error(`subscriber ${recipient.subscriberId} missing after upsert`);
      return {
        subscriber,
        result: await inboxOf(env, tenant.id, subscriber.subscriberId).run(runFor(template, subscriber)),
      };
    }),
  );
  // The runs are stored; their activity record need not hold up the answer.
  background(recordActivity(db, tenant.organizationId, template, runs));

  if (topicRecipients.length > 0) {
    const found = await db
      .select({ id: topics.id, key: topics.key })
      .from(topics)
      .where(
        and(
          eq(topics.environmentId, tenant.id),
          inArray(
            topics.key,
            topicRecipients.map((t) => t.topicKey),
          ),
        ),
      );
    await Promise.all(
      topicRecipients.flatMap((recipient) => {
        const topic = found.find((t) => t.key === recipient.topicKey);
        const exclude = [...(recipient.exclude ?? []), ...(actor ? [actor.subscriberId] : [])];
        const source = topic && { kind: "topic" as const, topicId: topic.id, topicKey: topic.key };
        return source ? [startFanout(env, tenant.organizationId, source, template, exclude)] : [];
      }),
    );
  }
  return { acknowledged: true, status: "processed", transactionId: accepted.transactionId };
}

/** Triggers a workflow for every subscriber of the environment, through the FANOUT queue. */
export async function broadcastWorkflow(
  env: Env,
  tenant: Tenant,
  input: BroadcastInput,
): Promise<TriggerResult> {
  const db = database(env);
  const accepted = await accept(db, tenant, input);
  if ("early" in accepted) return accepted.early;
  const actor = input.actor ? asPayload(input.actor) : undefined;
  const [rows, resources, context] = await Promise.all([
    actor ? ensureSubscribers(db, tenant, [actor]) : new Map<string, SubscriberRow>(),
    loadRunResources(db, tenant, accepted.workflow, input.overrides ?? {}),
    upsertTriggerContexts(db, tenant, input.context),
  ]);
  const template = runTemplate(
    { ...input, context },
    accepted.workflow,
    tenant.id,
    accepted.transactionId,
    actor && rows.get(actor.subscriberId),
    resources,
  );
  await startFanout(env, tenant.organizationId, { kind: "all" }, template, actor ? [actor.subscriberId] : []);
  return { acknowledged: true, status: "processed", transactionId: accepted.transactionId };
}

/**
 * Cancels what is still pending of a trigger (delays, digests) for every subscriber it reached, found through the
 * activity records. True when at least one pending run was cancelled.
 */
export async function cancelTrigger(env: Env, tenant: Tenant, transactionId: string): Promise<boolean> {
  const recipients = await transactionRecipients(database(env), tenant, transactionId);
  const cancelled = await Promise.all(
    recipients.map((id) => inboxOf(env, tenant.id, id).cancel(transactionId)),
  );
  return cancelled.some(Boolean);
}
