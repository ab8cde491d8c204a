import { and, eq, inArray, sql } from "drizzle-orm";
import type { Tenant } from "../app-env";
import type { Database } from "../db/client";
import { cursorPage } from "../db/cursor-page";
import { type AgentBehavior, type AgentRow, agentIntegrations, agents, integrations } from "../db/schema";
import { HttpError } from "../http/http-error";
import { objectId } from "../lib/ids";
import type { LinkedIntegration } from "./agent.mapper";
import type { CreateAgentInput, ListAgentsQuery, UpdateAgentInput } from "./agent.schemas";

/**
 * Novu's defaults for a self-hosted agent. Reactions mean nothing on email, so none is set on resolve; Novu's
 * "check" would also fail to parse in @novu/api, which types the field as an object.
 */
const defaultBehavior: AgentBehavior = {
  acknowledgeOnReceived: true,
  reactionOnResolved: null,
  subscriberAccess: "restricted",
};

const notFound = (identifier: string) =>
  HttpError.notFound(`Agent with identifier "${identifier}" was not found.`);

export async function findAgent(db: Database, tenant: Tenant, identifier: string) {
  const [row] = await db
    .select()
    .from(agents)
    .where(and(eq(agents.environmentId, tenant.id), eq(agents.identifier, identifier)))
    .limit(1);
  return row;
}

export async function getAgent(db: Database, tenant: Tenant, identifier: string): Promise<AgentRow> {
  const row = await findAgent(db, tenant, identifier);
  if (!row) throw notFound(identifier);
  return row;
}

/** Each agent's linked integrations, oldest link first. */
export async function linkedIntegrations(
  db: Database,
  agentIds: string[],
): Promise<Map<string, LinkedIntegration[]>> {
  const byAgent = new Map<string, LinkedIntegration[]>(agentIds.map((id) => [id, []]));
  if (agentIds.length === 0) return byAgent;
  const rows = await db
    .select({
      agentId: agentIntegrations.agentId,
      id: integrations.id,
      identifier: integrations.identifier,
      name: integrations.name,
      providerId: integrations.providerId,
      channel: integrations.channel,
      active: integrations.active,
    })
    .from(agentIntegrations)
    .innerJoin(integrations, eq(integrations.id, agentIntegrations.integrationId))
    .where(inArray(agentIntegrations.agentId, agentIds))
    .orderBy(agentIntegrations.createdAt, agentIntegrations.id);
  for (const { agentId, ...integration } of rows) byAgent.get(agentId)?.push(integration);
  return byAgent;
}

export async function createAgent(
  db: Database,
  tenant: Tenant,
  input: CreateAgentInput,
  apiOrigin: string,
): Promise<AgentRow> {
  if (input.runtime === "managed" || input.managedRuntime) {
    throw HttpError.badRequest(
      "Managed runtimes (agents hosted by a model provider) are not available here: create a self-hosted agent and point its bridge URL at your @novu/framework app.",
      { runtime: { messages: ["only self-hosted agents are supported"], value: input.runtime } },
    );
  }
  const now = Date.now();
  const [row] = await db
    .insert(agents)
    .values({
      id: objectId(now),
      environmentId: tenant.id,
      organizationId: tenant.organizationId,
      identifier: input.identifier,
      name: input.name,
      description: input.description ?? null,
      active: input.active ?? true,
      behavior: defaultBehavior,
      apiOrigin,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing()
    .returning();
  if (!row) {
    throw HttpError.conflict(
      `An agent with identifier "${input.identifier}" already exists in this environment.`,
    );
  }
  return row;
}

/** LIKE pattern for a substring match, with the caller's `%`, `_` and `\` taken literally. */
const containing = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export function listAgents(db: Database, tenant: Tenant, query: ListAgentsQuery) {
  if (query.after && query.before) {
    throw HttpError.badRequest('Cannot specify both "before" and "after" cursors at the same time.');
  }
  const where = and(
    eq(agents.environmentId, tenant.id),
    // Novu filters by a partial, case-insensitive match (SQLite's LIKE ignores ASCII case).
    query.identifier ? sql`${agents.identifier} like ${containing(query.identifier)} escape '\\'` : undefined,
  );
  const sortColumn =
    query.orderBy === "createdAt"
      ? agents.createdAt
      : query.orderBy === "updatedAt"
        ? agents.updatedAt
        : agents.id;
  return cursorPage(db, agents, sortColumn, where, query);
}

function mergeBehavior(
  current: AgentBehavior,
  patch: NonNullable<UpdateAgentInput["behavior"]>,
): AgentBehavior {
  return {
    acknowledgeOnReceived: patch.acknowledgeOnReceived ?? current.acknowledgeOnReceived,
    reactionOnResolved:
      patch.reactionOnResolved === undefined ? current.reactionOnResolved : patch.reactionOnResolved,
    subscriberAccess: patch.subscriberAccess ?? current.subscriberAccess,
  };
}

const forbiddenInProduction = (tenant: Tenant, message: string) => {
  if (tenant.type === "prod") throw new HttpError(403, message);
};

/** Novu's partial update: only the fields sent change; production keeps its name, description and behaviour. */
export async function updateAgent(
  db: Database,
  tenant: Tenant,
  identifier: string,
  input: UpdateAgentInput,
  apiOrigin: string,
): Promise<AgentRow> {
  const { behavior, ...fields } = input;
  const changesBehavior = behavior !== undefined && Object.values(behavior).some((v) => v !== undefined);
  if (!changesBehavior && Object.values(fields).every((v) => v === undefined)) {
    throw HttpError.badRequest("At least one field must be provided.");
  }
  const existing = await getAgent(db, tenant, identifier);
  if (input.name !== undefined || input.description !== undefined || changesBehavior) {
    forbiddenInProduction(
      tenant,
      "Only the active status and bridge URL can be modified in production environments.",
    );
  }
  if (input.devBridgeUrl !== undefined || input.devBridgeActive !== undefined) {
    forbiddenInProduction(tenant, "Dev bridge settings cannot be modified in production environments.");
  }
  const [row] = await db
    .update(agents)
    .set({
      ...fields,
      behavior: changesBehavior ? mergeBehavior(existing.behavior, behavior) : undefined,
      apiOrigin,
      updatedAt: Date.now(),
    })
    .where(eq(agents.id, existing.id))
    .returning();
  if (!row) throw notFound(identifier);
  return row;
}

/** Deleting an agent removes its integration links and conversations with it (foreign keys cascade). */
export async function deleteAgent(db: Database, tenant: Tenant, identifier: string): Promise<void> {
  const removed = await db
    .delete(agents)
    .where(and(eq(agents.environmentId, tenant.id), eq(agents.identifier, identifier)))
    .returning({ id: agents.id });
  if (removed.length === 0) throw notFound(identifier);
}
