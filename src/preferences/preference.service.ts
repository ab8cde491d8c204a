import { and, eq, or } from "drizzle-orm";
import type { Tenant } from "../app-env";
import type { Database } from "../db/client";
import { type WorkflowRow, workflows } from "../db/schema";
import { resolveChannelPreference } from "../engine/channel-preference";
import type { ChannelToggles, SubscriberPreferences } from "../engine/preferences";
import { HttpError } from "../http/http-error";
import { inboxOf } from "../inbox/inbox-stub";
import { isObjectId } from "../lib/ids";
import { toIso } from "../lib/time";
import { channelTypes } from "../workflows/workflow.types";
import type { PreferenceItem } from "./preference.schemas";

type Criticality = "critical" | "nonCritical" | "all";

/** The channels a workflow's steps use: a preference only lists what the workflow can send. */
function channelsOf(workflow: WorkflowRow) {
  const used = new Set<string>(workflow.steps.map((step) => step.type));
  return channelTypes.filter((channel) => used.has(channel));
}

function workflowChannels(workflow: WorkflowRow, subscriber: SubscriberPreferences): Record<string, boolean> {
  return Object.fromEntries(
    channelsOf(workflow).map((channel) => [
      channel,
      resolveChannelPreference({
        channel,
        workflow: { critical: workflow.critical, preferences: workflow.preferences },
        subscriberGlobal: { channels: subscriber.global },
        subscriberWorkflow: { channels: subscriber.workflows[workflow.workflowId] },
      }).enabled,
    ]),
  );
}

function globalChannels(subscriber: SubscriberPreferences): Record<string, boolean> {
  return Object.fromEntries(channelTypes.map((channel) => [channel, subscriber.global[channel] ?? true]));
}

/** The subscriber's own choices (from their Durable Object) and the workflows they apply to (from D1), together. */
async function choicesAndWorkflows(
  env: Env,
  db: Database,
  tenant: Tenant,
  subscriberId: string,
  criticality: Criticality,
) {
  const [subscriber, rows] = await Promise.all([
    inboxOf(env, tenant.id, subscriberId).preferences(),
    db.select().from(workflows).where(eq(workflows.environmentId, tenant.id)),
  ]);
  const shown = rows.filter((w) => criticality === "all" || (criticality === "critical") === w.critical);
  return { subscriber, workflows: shown };
}

/** `GET /v2/subscribers/{id}/preferences`: the global switches and, per workflow, what will actually be sent. */
export async function subscriberPreferences(
  env: Env,
  db: Database,
  tenant: Tenant,
  subscriberId: string,
  criticality: Criticality,
) {
  const { subscriber, workflows: rows } = await choicesAndWorkflows(
    env,
    db,
    tenant,
    subscriberId,
    criticality,
  );
  return {
    global: { enabled: true, channels: globalChannels(subscriber) },
    workflows: rows.map((workflow) => ({
      enabled: true,
      channels: workflowChannels(workflow, subscriber),
      overrides: [] as { channel: string; source: string }[],
      workflow: {
        slug: workflow.workflowId,
        identifier: workflow.workflowId,
        name: workflow.name,
        updatedAt: toIso(workflow.updatedAt),
      },
    })),
  };
}

/** The Inbox's list: the global preference first, then one per (non-critical) workflow. */
export async function inboxPreferences(
  env: Env,
  db: Database,
  tenant: Tenant,
  subscriberId: string,
  criticality: Criticality,
) {
  const { subscriber, workflows: rows } = await choicesAndWorkflows(
    env,
    db,
    tenant,
    subscriberId,
    criticality,
  );
  return [globalItem(subscriber), ...rows.map((workflow) => workflowItem(workflow, subscriber))];
}

export function globalItem(subscriber: SubscriberPreferences): PreferenceItem {
  return { level: "global", enabled: true, channels: globalChannels(subscriber) };
}

export function workflowItem(workflow: WorkflowRow, subscriber: SubscriberPreferences): PreferenceItem {
  return {
    level: "template",
    enabled: true,
    channels: workflowChannels(workflow, subscriber),
    workflow: {
      id: workflow.id,
      identifier: workflow.workflowId,
      name: workflow.name,
      critical: workflow.critical,
      tags: workflow.tags,
      severity: workflow.severity,
    },
  };
}

/** Finds the workflow a preference change names (identifier or `_id`); critical ones cannot be changed. */
export async function editableWorkflow(db: Database, tenant: Tenant, id: string): Promise<WorkflowRow> {
  const [workflow] = await db
    .select()
    .from(workflows)
    .where(
      and(
        eq(workflows.environmentId, tenant.id),
        isObjectId(id)
          ? or(eq(workflows.id, id), eq(workflows.workflowId, id))
          : eq(workflows.workflowId, id),
      ),
    )
    .limit(1);
  if (!workflow) throw HttpError.notFound(`Workflow '${id}' was not found`);
  if (workflow.critical)
    throw HttpError.badRequest(`Workflow '${id}' is critical: its preferences cannot be changed`);
  return workflow;
}

export async function updatePreferences(
  env: Env,
  db: Database,
  tenant: Tenant,
  subscriberId: string,
  change: { workflowId?: string; channels: ChannelToggles },
) {
  const workflow = change.workflowId ? await editableWorkflow(db, tenant, change.workflowId) : undefined;
  const subscriber = await inboxOf(env, tenant.id, subscriberId).updatePreferences(
    workflow?.workflowId ?? null,
    change.channels,
  );
  return { workflow, subscriber };
}
