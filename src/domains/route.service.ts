import { and, eq, inArray } from "drizzle-orm";
import type { Tenant } from "../app-env";
import type { Database } from "../db/client";
import { cursorPage } from "../db/cursor-page";
import { type DomainRouteRow, type DomainRow, domainRoutes } from "../db/schema";
import { HttpError } from "../http/http-error";
import { objectId } from "../lib/ids";
import { resolveAgent } from "./agent-routing";
import type { CreateRouteInput, ListRoutesQuery, UpdateRouteInput } from "./domain.schemas";
import { getDomain } from "./domain.service";

const scoped = (domain: DomainRow, address: string) =>
  and(
    eq(domainRoutes.environmentId, domain.environmentId),
    eq(domainRoutes.domainId, domain.id),
    eq(domainRoutes.address, address),
  );

const notFound = (domain: DomainRow, address: string) =>
  HttpError.notFound(`Route "${address}@${domain.name}" not found.`);

export async function listRoutes(db: Database, tenant: Tenant, name: string, query: ListRoutesQuery) {
  if (query.after && query.before)
    throw HttpError.badRequest('Cannot specify both "before" and "after" cursors at the same time.');
  const domain = await getDomain(db, tenant, name);
  const agent = query.agentId ? await resolveAgent(db, tenant, query.agentId) : undefined;
  const where = and(
    eq(domainRoutes.environmentId, tenant.id),
    eq(domainRoutes.domainId, domain.id),
    agent ? eq(domainRoutes.agentId, agent.id) : undefined,
  );
  const sortColumn = {
    _id: domainRoutes.id,
    createdAt: domainRoutes.createdAt,
    updatedAt: domainRoutes.updatedAt,
  }[query.orderBy];
  return cursorPage(db, domainRoutes, sortColumn, where, query);
}

export async function findRoute(db: Database, domain: DomainRow, address: string) {
  const [row] = await db.select().from(domainRoutes).where(scoped(domain, address)).limit(1);
  return row;
}

export async function getRoute(db: Database, tenant: Tenant, name: string, address: string) {
  const domain = await getDomain(db, tenant, name);
  const row = await findRoute(db, domain, address);
  if (!row) throw notFound(domain, address);
  return row;
}

/** The agent's internal id for an agent route: `agentId` names the agent (400 when missing, 404 when unknown). */
async function agentFor(
  db: Database,
  tenant: Tenant,
  type: "agent" | "webhook",
  agentId: string | undefined,
) {
  const agent = agentId === undefined ? undefined : await resolveAgent(db, tenant, agentId);
  if (type === "agent" && !agent) throw HttpError.badRequest("agentId is required for agent routes.");
  return type === "agent" ? (agent?.id ?? null) : null;
}

/** One route per address on a domain: a second one is a 409, even when two requests race. */
export async function createRoute(
  db: Database,
  tenant: Tenant,
  name: string,
  input: CreateRouteInput,
): Promise<DomainRouteRow> {
  const domain = await getDomain(db, tenant, name);
  const agentId = await agentFor(db, tenant, input.type, input.agentId);
  const now = Date.now();
  const [row] = await db
    .insert(domainRoutes)
    .values({
      id: objectId(now),
      domainId: domain.id,
      environmentId: tenant.id,
      organizationId: tenant.organizationId,
      address: input.address,
      type: input.type,
      agentId,
      data: input.data ?? null,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing()
    .returning();
  if (!row) throw HttpError.conflict(`A route for "${input.address}@${domain.name}" already exists.`);
  return row;
}

/** The address is the route's identity and stays; switching to a webhook route drops the agent. */
export async function updateRoute(
  db: Database,
  tenant: Tenant,
  name: string,
  address: string,
  input: UpdateRouteInput,
): Promise<DomainRouteRow> {
  const domain = await getDomain(db, tenant, name);
  const current = await findRoute(db, domain, address);
  if (!current) throw notFound(domain, address);
  if (input.type === undefined && input.agentId === undefined && input.data === undefined) return current;
  const type = input.type ?? current.type;
  // An agent route keeps its agent unless another is named; any other change of type goes through validation.
  const agentId =
    type === "agent" && input.agentId === undefined && current.agentId
      ? current.agentId
      : await agentFor(db, tenant, type, input.agentId);
  const [row] = await db
    .update(domainRoutes)
    .set({ type, agentId, ...(input.data !== undefined ? { data: input.data } : {}), updatedAt: Date.now() })
    .where(scoped(domain, address))
    .returning();
  if (!row) throw notFound(domain, address);
  return row;
}

export async function deleteRoute(
  db: Database,
  tenant: Tenant,
  name: string,
  address: string,
): Promise<void> {
  const domain = await getDomain(db, tenant, name);
  const removed = await db
    .delete(domainRoutes)
    .where(scoped(domain, address))
    .returning({ id: domainRoutes.id });
  if (removed.length === 0) throw notFound(domain, address);
}

/** The route for a recipient: its own address, then the part before `+` (`support+1234`), then the catch-all. */
export async function matchRoute(db: Database, domain: DomainRow, localPart: string) {
  const candidates = [...new Set([localPart, localPart.split("+")[0] ?? localPart, "*"])];
  const rows = await db
    .select()
    .from(domainRoutes)
    .where(
      and(
        eq(domainRoutes.environmentId, domain.environmentId),
        eq(domainRoutes.domainId, domain.id),
        inArray(domainRoutes.address, candidates),
      ),
    );
  for (const address of candidates) {
    const row = rows.find((r) => r.address === address);
    if (row) return row;
  }
  return undefined;
}
