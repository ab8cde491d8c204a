import { and, asc, desc, eq } from "drizzle-orm";
import type { Tenant } from "../app-env";
import { signingKey } from "../bridge/bridge-target";
import type { Database } from "../db/client";
import { type AgentRow, agentIntegrations, agents, integrations, subscribers } from "../db/schema";
import { HttpError } from "../http/http-error";
import { agentBridgeUrl, postAgentEvent } from "./agent-bridge";
import { getState, openConversation, recentHistory, recordTurn } from "./conversation.store";

/** An agent of the environment by its internal id (what domain routes point at). */
export async function findAgentById(
  db: Database,
  environmentId: string,
  agentId: string,
): Promise<AgentRow | undefined> {
  const [row] = await db
    .select()
    .from(agents)
    .where(and(eq(agents.environmentId, environmentId), eq(agents.id, agentId)))
    .limit(1);
  return row;
}

/**
 * The email integration the agent answers through: one linked to it (active ones first), else the environment's
 * primary email integration. Null when the environment has none: the bridge still hears the message, but no reply
 * can be mailed.
 */
export async function emailIntegrationFor(db: Database, environmentId: string, agentId: string) {
  const [linked] = await db
    .select({ identifier: integrations.identifier })
    .from(agentIntegrations)
    .innerJoin(integrations, eq(integrations.id, agentIntegrations.integrationId))
    .where(and(eq(agentIntegrations.agentId, agentId), eq(integrations.channel, "email")))
    .orderBy(desc(integrations.active), asc(agentIntegrations.createdAt))
    .limit(1);
  if (linked) return linked.identifier;
  const [primary] = await db
    .select({ identifier: integrations.identifier })
    .from(integrations)
    .where(
      and(
        eq(integrations.environmentId, environmentId),
        eq(integrations.channel, "email"),
        eq(integrations.active, true),
        eq(integrations.primary, true),
      ),
    )
    .limit(1);
  return primary?.identifier ?? null;
}

async function subscriberByEmail(db: Database, environmentId: string, address: string) {
  const [row] = await db
    .select()
    .from(subscribers)
    .where(and(eq(subscribers.environmentId, environmentId), eq(subscribers.email, address)))
    .limit(1);
  return row;
}

export type InboundEmailInput = {
  agentId: string;
  channel: "email";
  from: { address: string; name?: string };
  to: string;
  subject?: string;
  text: string;
  html?: string;
  dryRun: boolean;
};

export type InboundResult = {
  agentId: string;
  httpStatus: number;
  agentReply?: Record<string, unknown>;
  latencyMs: number;
};

/**
 * Hands an inbound email to an agent: records it in the sender's conversation (continued when the thread exists;
 * a dry run opens a conversation of its own), then POSTs it to the agent's bridge as an `onMessage` event, signed
 * with the environment's secret key. The bridge answers at once (`@novu/framework` acknowledges and replies later
 * through `replyUrl`); that answer is returned. Throws 404 for an unknown agent and 400 for one that cannot take
 * messages (inactive, or without a bridge URL). `httpStatus` is 0 when the bridge could not be reached.
 */
export async function deliverInboundToAgent(
  env: Env,
  db: Database,
  tenant: Tenant,
  input: InboundEmailInput,
): Promise<InboundResult> {
  const started = Date.now();
  const agent = await findAgentById(db, tenant.id, input.agentId);
  if (!agent) throw HttpError.notFound(`Agent "${input.agentId}" referenced by agentId does not exist.`);
  if (!agent.active)
    throw HttpError.badRequest(`Agent "${agent.identifier}" is inactive and takes no messages.`);
  const url = agentBridgeUrl(agent);
  if (!url) {
    throw HttpError.badRequest(
      `No bridge URL configured for agent ${agent.identifier}: set one with PUT /v1/agents/${agent.identifier}/bridge.`,
    );
  }
  const address = input.from.address.trim().toLowerCase();
  const [secretKey, integrationIdentifier, subscriber] = await Promise.all([
    signingKey(env, db, tenant.id),
    emailIntegrationFor(db, tenant.id, agent.id),
    subscriberByEmail(db, tenant.id, address),
  ]);
  if (!secretKey) throw HttpError.badRequest("This environment has no API key to sign bridge requests with.");

  const conversation = await openConversation(db, {
    environmentId: tenant.id,
    agentId: agent.id,
    participantAddress: address,
    participantName: input.from.name ?? null,
    subscriberId: subscriber?.subscriberId ?? null,
    subject: input.subject ?? null,
    integrationIdentifier,
    dryRun: input.dryRun,
  });
  const [entryId = ""] = await recordTurn(db, conversation, {
    messages: 1,
    entries: [
      {
        role: "user",
        type: "message",
        content: input.text,
        senderName: input.from.name ?? address,
        richContent: { subject: input.subject ?? "", ...(input.html ? { html: input.html } : {}) },
      },
    ],
  });
  const [state, history] = await Promise.all([
    getState(db, conversation.id),
    recentHistory(db, conversation.id),
  ]);
  const answer = await postAgentEvent(url, {
    agent,
    event: "onMessage",
    conversation: state ?? conversation,
    history,
    subscriber,
    message: {
      entryId,
      from: { ...input.from, address },
      to: input.to,
      subject: input.subject,
      text: input.text,
      html: input.html,
      receivedAt: history.find((entry) => entry.id === entryId)?.createdAt ?? Date.now(),
    },
    secretKey,
  });
  return {
    agentId: input.agentId,
    httpStatus: answer.httpStatus,
    ...(answer.body ? { agentReply: answer.body } : {}),
    latencyMs: Date.now() - started,
  };
}
