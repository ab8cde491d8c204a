import { and, eq, or } from "drizzle-orm";
import type { Tenant } from "../app-env";
import type { Database } from "../db/client";
import { type AgentConversationRow, type AgentRow, agents, integrations } from "../db/schema";
import { HttpError } from "../http/http-error";
import type { AgentReplyInput } from "./agent-reply.schemas";

/** What `edit` and `error` must each come without (Novu's rule). */
const turnActions = [
  "reply",
  "resolve",
  "signals",
  "toolResults",
  "toolApprovalRequest",
  "addReactions",
  "deleteMessages",
] as const;

export function assertShape(input: AgentReplyInput) {
  const present = (field: keyof AgentReplyInput) => {
    const value = input[field];
    return Array.isArray(value) ? value.length > 0 : value !== undefined && value !== false;
  };
  if (input.edit && turnActions.some(present)) {
    throw HttpError.badRequest(`edit cannot be combined with ${turnActions.join(", ")}.`);
  }
  if (input.error && ([...turnActions, "edit", "typing"] as const).some(present)) {
    throw HttpError.badRequest("error cannot be combined with other actions.");
  }
  if (!([...turnActions, "edit", "typing", "error"] as const).some(present)) {
    throw HttpError.badRequest(
      "At least one of reply, edit, resolve, signals, toolResults, toolApprovalRequest, addReactions, deleteMessages, typing or error must be provided.",
    );
  }
}

/** `/v1/agents/{agentId}/reply` names the agent by identifier, as Novu does; its `_id` is taken too. */
export async function agentFor(db: Database, tenant: Tenant, ref: string): Promise<AgentRow> {
  const rows = await db
    .select()
    .from(agents)
    .where(and(eq(agents.environmentId, tenant.id), or(eq(agents.identifier, ref), eq(agents.id, ref))))
    .limit(2);
  const row = rows.find((agent) => agent.identifier === ref) ?? rows[0];
  if (!row) throw HttpError.notFound(`Agent with identifier "${ref}" was not found.`);
  return row;
}

export async function assertIntegration(
  db: Database,
  tenant: Tenant,
  conversation: AgentConversationRow,
  identifier: string,
) {
  const [row] = await db
    .select({ id: integrations.id })
    .from(integrations)
    .where(and(eq(integrations.environmentId, tenant.id), eq(integrations.identifier, identifier)))
    .limit(1);
  if (!row) throw HttpError.notFound(`Integration with identifier "${identifier}" was not found.`);
  if (conversation.integrationIdentifier && conversation.integrationIdentifier !== identifier) {
    throw HttpError.badRequest(
      `Conversation "${conversation.id}" answers through integration "${conversation.integrationIdentifier}", not "${identifier}".`,
    );
  }
}
