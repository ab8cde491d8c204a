import { eq, inArray } from "drizzle-orm";
import type { Tenant } from "../app-env";
import type { Database } from "../db/client";
import { chunks, maxBoundParameters } from "../db/limits";
import { environments, type WorkflowRow, workflows } from "../db/schema";
import { HttpError } from "../http/http-error";
import { objectId } from "../lib/ids";
import {
  type ChannelPreferences,
  type ChannelType,
  defaultChannelPreferences,
  type StoredStep,
} from "../workflows/workflow.types";
import type { DiscoveredWorkflow } from "./bridge.schemas";
import { BridgeError, bridge } from "./bridge-client";
import { signingKey } from "./bridge-target";

type Discovered = DiscoveredWorkflow["preferences"];

/** `@novu/framework` names the in-app channel `inApp`; stored preferences use the API's `in_app`. */
function toPreferences(discovered: Discovered): ChannelPreferences {
  const channels = discovered?.channels ?? {};
  const named: Record<ChannelType, { enabled?: boolean } | undefined> = {
    in_app: channels.inApp,
    email: channels.email,
    sms: channels.sms,
    push: channels.push,
    chat: channels.chat,
  };
  const merged = { ...defaultChannelPreferences.channels };
  for (const [channel, value] of Object.entries(named)) {
    if (value?.enabled !== undefined) merged[channel as ChannelType] = { enabled: value.enabled };
  }
  return {
    all: {
      enabled: discovered?.all?.enabled ?? true,
      readOnly: discovered?.all?.readOnly ?? false,
    },
    channels: merged,
  };
}

/**
 * Steps as the bridge declares them. A step that keeps its id and type keeps its `_id` and the control values
 * edited through the API: a redeploy of the bridge must not wipe them.
 */
function toSteps(discovered: DiscoveredWorkflow, existing: StoredStep[]): StoredStep[] {
  return discovered.steps.map((step) => {
    const previous = existing.find((s) => s.stepId === step.stepId && s.type === step.type);
    return {
      _id: previous?._id ?? objectId(),
      stepId: step.stepId,
      name: step.stepId,
      type: step.type,
      controlValues: previous?.controlValues ?? {},
      controlSchema: step.controls?.schema,
    };
  });
}

function definition(discovered: DiscoveredWorkflow, existing?: WorkflowRow) {
  const preferences = toPreferences(discovered.preferences);
  return {
    name: discovered.name ?? discovered.workflowId,
    description: discovered.description ?? null,
    tags: discovered.tags ?? [],
    // In code, a critical workflow is one whose preferences subscribers cannot change.
    critical: preferences.all.readOnly,
    severity: discovered.severity ?? "none",
    payloadSchema: discovered.payload?.schema ?? null,
    preferences: { user: null, default: preferences },
    steps: toSteps(discovered, existing?.steps ?? []),
    origin: "external" as const,
  };
}

/**
 * `novu sync`: discover the bridge's workflows, upsert them into the caller's environment as code-first
 * workflows, remove the code-first workflows the bridge no longer serves, and remember the bridge URL for runs.
 */
export async function syncBridge(
  env: Env,
  db: Database,
  tenant: Tenant,
  bridgeUrl: string,
): Promise<WorkflowRow[]> {
  const secretKey = await signingKey(env, db, tenant.id);
  if (!secretKey)
    throw HttpError.badRequest("This environment has no secret key to sign bridge requests with");
  const discovered = await bridge.discover({ url: bridgeUrl, secretKey }).catch((error: unknown) => {
    if (error instanceof BridgeError)
      throw HttpError.badRequest(`Failed to discover the bridge: ${error.message}`);
    throw error;
  });
  const ids = new Set(discovered.workflows.map((w) => w.workflowId));
  const existing = await db.select().from(workflows).where(eq(workflows.environmentId, tenant.id));
  const now = Date.now();
  const upserts = discovered.workflows.map((workflow) => {
    const current = existing.find((row) => row.workflowId === workflow.workflowId);
    const values = definition(workflow, current);
    return current
      ? db
          .update(workflows)
          .set({ ...values, updatedAt: now })
          .where(eq(workflows.id, current.id))
          .returning()
      : db
          .insert(workflows)
          .values({
            id: objectId(now),
            environmentId: tenant.id,
            organizationId: tenant.organizationId,
            workflowId: workflow.workflowId,
            active: true,
            ...values,
            createdAt: now,
            updatedAt: now,
          })
          .returning();
  });
  const stale = existing.filter((row) => row.origin === "external" && !ids.has(row.workflowId));
  const removals = chunks(
    stale.map((row) => row.id),
    maxBoundParameters - 1,
  ).map((chunk) => db.delete(workflows).where(inArray(workflows.id, chunk)));
  const storeUrl = db
    .update(environments)
    .set({ bridgeUrl, updatedAt: now })
    .where(eq(environments.id, tenant.id));
  const results = await db.batch([storeUrl, ...removals, ...upserts]);
  return results.slice(1 + removals.length).flatMap((rows) => rows as WorkflowRow[]);
}
