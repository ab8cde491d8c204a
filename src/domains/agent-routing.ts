import { findAgent } from "../agents/agent.service";
import { findAgentById } from "../agents/agent-inbound";
import type { Tenant } from "../app-env";
import type { Database } from "../db/client";
import type { AgentRow } from "../db/schema";
import { HttpError } from "../http/http-error";

/**
 * The agent a route names. Novu's `agentId` is the agent's identifier, while routes store (and answer with) its
 * internal id, so either is accepted: a route read back can be written back as it is.
 */
export async function resolveAgent(db: Database, tenant: Tenant, agentId: string): Promise<AgentRow> {
  const agent = (await findAgent(db, tenant, agentId)) ?? (await findAgentById(db, tenant.id, agentId));
  if (!agent) throw HttpError.notFound(`Agent with identifier "${agentId}" not found.`);
  return agent;
}
