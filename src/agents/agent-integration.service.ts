import { and, eq, inArray } from "drizzle-orm";
import type { Tenant } from "../app-env";
import type { Database } from "../db/client";
import { type CursorPage, cursorPage } from "../db/cursor-page";
import { type AgentIntegrationRow, agentIntegrations, integrations } from "../db/schema";
import { HttpError } from "../http/http-error";
import { objectId } from "../lib/ids";
import type { LinkedIntegration } from "./agent.mapper";
import type { AddAgentIntegrationInput, ListAgentIntegrationsQuery } from "./agent.schemas";
import { getAgent } from "./agent.service";

export type Link = { link: AgentIntegrationRow; integration: LinkedIntegration };

const integrationColumns = {
  id: integrations.id,
  identifier: integrations.identifier,
  name: integrations.name,
  providerId: integrations.providerId,
  channel: integrations.channel,
  active: integrations.active,
};

async function findIntegration(db: Database, tenant: Tenant, identifier: string) {
  const [row] = await db
    .select(integrationColumns)
    .from(integrations)
    .where(and(eq(integrations.environmentId, tenant.id), eq(integrations.identifier, identifier)))
    .limit(1);
  return row;
}

async function getIntegration(db: Database, tenant: Tenant, identifier: string): Promise<LinkedIntegration> {
  const row = await findIntegration(db, tenant, identifier);
  if (!row) throw HttpError.notFound(`Integration with identifier "${identifier}" was not found.`);
  return row;
}

const alreadyLinked = () => HttpError.conflict("This integration is already linked to the agent.");
const isUniqueViolation = (error: unknown) =>
  error instanceof Error && /UNIQUE constraint failed/.test(`${error.message} ${String(error.cause ?? "")}`);

export async function listLinks(
  db: Database,
  tenant: Tenant,
  agentIdentifier: string,
  query: ListAgentIntegrationsQuery,
): Promise<CursorPage<Link>> {
  if (query.after && query.before) {
    throw HttpError.badRequest('Cannot specify both "before" and "after" cursors at the same time.');
  }
  const agent = await getAgent(db, tenant, agentIdentifier);
  let integrationId: string | undefined;
  if (query.integrationIdentifier) {
    const filter = await findIntegration(db, tenant, query.integrationIdentifier);
    if (!filter) return { rows: [], next: null, previous: null, totalCount: 0 };
    integrationId = filter.id;
  }
  const where = and(
    eq(agentIntegrations.agentId, agent.id),
    integrationId ? eq(agentIntegrations.integrationId, integrationId) : undefined,
  );
  const sortColumn =
    query.orderBy === "createdAt"
      ? agentIntegrations.createdAt
      : query.orderBy === "updatedAt"
        ? agentIntegrations.updatedAt
        : agentIntegrations.id;
  const page = await cursorPage(db, agentIntegrations, sortColumn, where, query);
  const ids = [...new Set(page.rows.map((link) => link.integrationId))];
  const found =
    ids.length === 0
      ? []
      : await db.select(integrationColumns).from(integrations).where(inArray(integrations.id, ids));
  const byId = new Map(found.map((integration) => [integration.id, integration]));
  return {
    ...page,
    rows: page.rows.flatMap((link) => {
      const integration = byId.get(link.integrationId);
      return integration ? [{ link, integration }] : [];
    }),
  };
}

/** Links an existing integration of the environment, named by its identifier, to the agent. */
export async function addLink(
  db: Database,
  tenant: Tenant,
  agentIdentifier: string,
  input: AddAgentIntegrationInput,
): Promise<Link> {
  const agent = await getAgent(db, tenant, agentIdentifier);
  if (!input.integrationIdentifier) {
    throw HttpError.badRequest(
      `integrationIdentifier is required: Novu-hosted integrations (providerId "${input.providerId}") cannot be created here; link an integration of this environment.`,
    );
  }
  const integration = await getIntegration(db, tenant, input.integrationIdentifier);
  const now = Date.now();
  const [link] = await db
    .insert(agentIntegrations)
    .values({
      id: objectId(now),
      environmentId: tenant.id,
      organizationId: tenant.organizationId,
      agentId: agent.id,
      integrationId: integration.id,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing()
    .returning();
  if (!link) throw alreadyLinked();
  return { link, integration };
}

async function getLink(db: Database, agentId: string, linkId: string): Promise<AgentIntegrationRow> {
  const [link] = await db
    .select()
    .from(agentIntegrations)
    .where(and(eq(agentIntegrations.id, linkId), eq(agentIntegrations.agentId, agentId)))
    .limit(1);
  if (!link) throw HttpError.notFound(`Agent-integration link "${linkId}" was not found for this agent.`);
  return link;
}

/** Points a link at another integration of the environment. */
export async function updateLink(
  db: Database,
  tenant: Tenant,
  agentIdentifier: string,
  linkId: string,
  integrationIdentifier: string,
): Promise<Link> {
  const agent = await getAgent(db, tenant, agentIdentifier);
  const existing = await getLink(db, agent.id, linkId);
  const integration = await getIntegration(db, tenant, integrationIdentifier);
  if (existing.integrationId === integration.id) return { link: existing, integration };
  try {
    const [link] = await db
      .update(agentIntegrations)
      .set({ integrationId: integration.id, updatedAt: Date.now() })
      .where(eq(agentIntegrations.id, existing.id))
      .returning();
    if (!link) throw HttpError.notFound(`Agent-integration link "${linkId}" was not found for this agent.`);
    return { link, integration };
  } catch (error) {
    if (isUniqueViolation(error)) throw alreadyLinked();
    throw error;
  }
}

export async function removeLink(
  db: Database,
  tenant: Tenant,
  agentIdentifier: string,
  linkId: string,
): Promise<void> {
  const agent = await getAgent(db, tenant, agentIdentifier);
  const removed = await db
    .delete(agentIntegrations)
    .where(and(eq(agentIntegrations.id, linkId), eq(agentIntegrations.agentId, agent.id)))
    .returning({ id: agentIntegrations.id });
  if (removed.length === 0) {
    throw HttpError.notFound(`Agent-integration link "${linkId}" was not found for this agent.`);
  }
}
