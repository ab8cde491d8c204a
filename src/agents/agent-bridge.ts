import type { AgentConversationEntryRow, AgentConversationRow, AgentRow, SubscriberRow } from "../db/schema";
import { signatureHeader } from "../lib/signature";
import { toIso } from "../lib/time";

/** How long the agent's bridge has to answer an event. */
const timeoutMs = 15_000;

export type AgentEvent = "onMessage" | "onResolve";

export type InboundEmail = {
  entryId: string;
  from: { address: string; name?: string };
  to: string;
  subject?: string;
  text: string;
  html?: string;
  receivedAt: number;
};

export type BridgeEventInput = {
  agent: AgentRow;
  event: AgentEvent;
  conversation: AgentConversationRow;
  history: AgentConversationEntryRow[];
  subscriber: SubscriberRow | undefined;
  message: InboundEmail | null;
  secretKey: string;
};

export type BridgeAnswer = { httpStatus: number; body: Record<string, unknown> | undefined };

/** The dev bridge when it is switched on and set, else the production one (Novu's order). */
export function agentBridgeUrl(agent: AgentRow): string | undefined {
  return (agent.devBridgeActive && agent.devBridgeUrl) || agent.bridgeUrl || undefined;
}

const replyUrl = (agent: AgentRow) =>
  `${agent.apiOrigin ?? ""}/v1/agents/${encodeURIComponent(agent.identifier)}/reply`;

function subscriberOf(row: SubscriberRow | undefined) {
  if (!row) return null;
  const optional = { firstName: row.firstName, lastName: row.lastName, email: row.email, phone: row.phone };
  return {
    subscriberId: row.subscriberId,
    ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v)),
    ...(row.avatar ? { avatar: row.avatar } : {}),
    ...(row.locale ? { locale: row.locale } : {}),
    ...(row.data ? { data: row.data } : {}),
  };
}

/** The `AgentBridgeRequest` of `@novu/framework`, as Novu's bridge executor builds it. */
export function bridgePayload(input: BridgeEventInput, now = Date.now()) {
  const { agent, conversation, message } = input;
  return {
    version: 1,
    timestamp: toIso(now),
    deliveryId: `${conversation.id}:${message ? message.entryId : input.event}`,
    event: input.event,
    agentId: agent.identifier,
    replyUrl: replyUrl(agent),
    conversationId: conversation.id,
    integrationIdentifier: conversation.integrationIdentifier ?? "",
    message: message && {
      text: message.text,
      platformMessageId: message.entryId,
      author: {
        userId: message.from.address,
        fullName: message.from.name ?? message.from.address,
        userName: message.from.address,
        isBot: false,
      },
      timestamp: toIso(message.receivedAt),
    },
    conversation: {
      identifier: conversation.id,
      status: conversation.status,
      metadata: conversation.metadata,
      messageCount: conversation.messageCount,
      createdAt: toIso(conversation.createdAt),
      lastActivityAt: toIso(conversation.lastActivityAt),
    },
    subscriber: subscriberOf(input.subscriber),
    subscriberAccess: agent.behavior.subscriberAccess,
    history: input.history.map((entry) => ({
      role: entry.role,
      type: entry.type,
      content: entry.content,
      ...(entry.richContent ? { richContent: entry.richContent } : {}),
      ...(entry.senderName ? { senderName: entry.senderName } : {}),
      ...(entry.signalData ? { signalData: entry.signalData } : {}),
      createdAt: toIso(entry.createdAt),
    })),
    platform: "email",
    platformContext: {
      threadId: conversation.id,
      channelId: message?.to ?? "",
      isDM: true,
      ...(message && {
        message: {
          from: message.from,
          to: message.to,
          subject: message.subject ?? "",
          text: message.text,
          ...(message.html ? { html: message.html } : {}),
        },
      }),
    },
    action: null,
    reaction: null,
  };
}

/**
 * POSTs one event to the agent's bridge (`?action=agent-event&agentId=…&event=…`), signed with the environment's
 * secret key like every bridge request, and returns its answer. One attempt: the caller reports the outcome.
 * A bridge that cannot be reached answers with status 0.
 */
export async function postAgentEvent(url: string, input: BridgeEventInput): Promise<BridgeAnswer> {
  const target = new URL(url);
  target.searchParams.set("action", "agent-event");
  target.searchParams.set("agentId", input.agent.identifier);
  target.searchParams.set("event", input.event);
  const body = JSON.stringify(bridgePayload(input));
  const signature = await signatureHeader(input.secretKey, body);
  let response: Response;
  try {
    response = await fetch(target, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "novu-signature": signature,
        "x-novu-signature": signature,
      },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    console.warn(`agent ${input.agent.identifier}: bridge unreachable at ${target.origin}`, error);
    return { httpStatus: 0, body: undefined };
  }
  const parsed: unknown = await response.json().catch(() => undefined);
  const isObject = typeof parsed === "object" && parsed !== null && !Array.isArray(parsed);
  return { httpStatus: response.status, body: isObject ? (parsed as Record<string, unknown>) : undefined };
}
