import type { Database } from "../db/client";
import type { ActivityJob, ActivityTenant, ChannelName, SubscriberRow } from "../db/schema";
import type { RunResult } from "../engine/run.types";
import type { RunTemplate } from "../events/run-builder";
import { objectId } from "../lib/ids";
import { channelTypes } from "../workflows/workflow.types";
import { writeActivity } from "./activity.batch";

/**
 * Activity rows repeat the payload once per recipient, so a topic of 100,000 would store it 100,000 times: payloads
 * above this size are recorded by their size only.
 */
const maxStoredPayloadBytes = 16 * 1024;

function storedPayload(payload: Record<string, unknown>): Record<string, unknown> {
  const size = JSON.stringify(payload).length;
  return size <= maxStoredPayloadBytes ? payload : { __payloadOmitted: { bytes: size } };
}

function channelsOf(template: RunTemplate): ChannelName[] {
  const types = new Set<string>(template.workflow.steps.map((step) => step.type));
  return channelTypes.filter((channel) => types.has(channel));
}

function jobsOf(result: RunResult, now: number): ActivityJob[] {
  return result.steps.map((step) => ({
    stepId: step.stepId,
    type: step.type,
    status: step.status,
    detail: step.detail,
    updatedAt: now,
  }));
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Novu's `ITenantDefine` (`identifier`, `name`, `data`); a tenant given by its identifier alone is `{ identifier }`. */
function tenantOf(tenant: unknown): ActivityTenant | null {
  if (typeof tenant === "string") return tenant ? { identifier: tenant } : null;
  if (!isRecord(tenant)) return null;
  const { identifier, name, data } = tenant;
  return {
    ...(typeof identifier === "string" ? { identifier } : {}),
    ...(typeof name === "string" ? { name } : {}),
    ...(isRecord(data) ? { data } : {}),
  };
}

/** A trigger's `context` as Novu keys it: `{ tenant: "acme" }` and `{ tenant: { id: "acme" } }` are `tenant:acme`. */
export function contextKeysOf(context: Record<string, unknown>): string[] {
  return Object.entries(context).flatMap(([type, value]) => {
    const id = typeof value === "string" ? value : isRecord(value) ? value.id : null;
    return typeof id === "string" && id !== "" ? [`${type}:${id}`] : [];
  });
}

export type RunRecord = { subscriber: SubscriberRow; result: RunResult };

/**
 * Writes the activity of one trigger for many subscribers in one D1 batch (Novu's "notification": one per trigger
 * per subscriber). Duplicate deliveries of a transaction are left out: their first run already has its row.
 */
export async function recordActivity(
  db: Database,
  organizationId: string,
  template: RunTemplate,
  runs: RunRecord[],
  topicKeys: string[] = [],
): Promise<void> {
  const now = Date.now();
  const payload = storedPayload(template.payload);
  const tenant = tenantOf(template.tenant);
  const contextKeys = contextKeysOf(template.context);
  const rows = runs
    .filter((run) => !run.result.duplicate)
    .map(({ subscriber, result }) => ({
      id: objectId(now),
      environmentId: template.environmentId,
      organizationId,
      transactionId: template.transactionId,
      subscriberId: subscriber.subscriberId,
      subscriberRowId: subscriber.id,
      workflowRowId: template.workflow._id,
      workflowId: template.workflow.workflowId,
      workflowName: template.workflow.name,
      channels: channelsOf(template),
      payload,
      topicKeys,
      tenant,
      contextKeys,
      jobs: jobsOf(result, now),
      createdAt: now,
      updatedAt: now,
    }));
  await writeActivity(db, rows);
}
