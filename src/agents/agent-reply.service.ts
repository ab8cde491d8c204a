import type { Tenant } from "../app-env";
import { signingKey } from "../bridge/bridge-target";
import type { Database } from "../db/client";
import type { AgentConversationRow, AgentRow } from "../db/schema";
import { type Background, triggerWorkflow } from "../events/trigger.service";
import { HttpError } from "../http/http-error";
import { objectId } from "../lib/ids";
import { findSubscriber } from "../subscribers/subscriber.service";
import { agentBridgeUrl, postAgentEvent } from "./agent-bridge";
import type { AgentReplyInput, AgentReplyResult } from "./agent-reply.schemas";
import { findConversation, findEntry, getState, recentHistory, recordTurn } from "./conversation.store";
import { agentFor, assertIntegration, assertShape } from "./reply-checks";
import { replyHtml } from "./reply-content";
import { hasActiveEmailIntegration, replyJob, turnFailedText } from "./reply-email";
import { nextMetadata, triggerInputs } from "./reply-signals";
import { turnEntries } from "./reply-turn";

/**
 * One turn of the agent in an email conversation. What an email can carry is applied: the reply (Markdown, or a
 * card's text) is mailed to the sender, metadata signals update the conversation, trigger signals run workflows,
 * tool results and approval requests join the history, `resolve` closes the conversation and tells the bridge
 * (`onResolve`), `error` mails Novu-style generic copy. A dry-run conversation (a route test) records the turn but
 * mails nothing. What an email cannot carry is accepted and not applied: `edit` and `deleteMessages` (a sent email
 * cannot be changed or recalled; the edit is kept in the history), `addReactions` and `typing` (email has neither),
 * and human-interaction signals (their answers are settled through chat buttons; they are kept in the history).
 * Everything is checked before anything is done.
 */
export async function handleAgentReply(
  env: Env,
  db: Database,
  tenant: Tenant,
  agentRef: string,
  input: AgentReplyInput,
  background: Background,
): Promise<AgentReplyResult> {
  assertShape(input);
  const agent = await agentFor(db, tenant, agentRef);
  const conversation = await findConversation(db, tenant.id, agent.id, input.conversationId);
  if (!conversation) throw HttpError.notFound(`Conversation "${input.conversationId}" was not found.`);
  await assertIntegration(db, tenant, conversation, input.integrationIdentifier);
  if (input.edit && !(await findEntry(db, conversation.id, input.edit.messageId))) {
    throw HttpError.notFound(
      `Message "${input.edit.messageId}" was not found in conversation "${conversation.id}".`,
    );
  }
  const signals = input.signals ?? [];
  const metadata = nextMetadata(conversation.metadata, signals);
  const triggers = await triggerInputs(db, tenant, conversation, signals);

  const messageId = input.reply || input.error ? objectId() : undefined;
  let job: ReturnType<typeof replyJob> | undefined;
  if (messageId && !conversation.dryRun) {
    if (!(await hasActiveEmailIntegration(db, tenant.id))) {
      throw HttpError.badRequest(
        "No active email integration in this environment to send the reply through.",
      );
    }
    job = replyJob(
      agent,
      conversation,
      messageId,
      input.reply ? replyHtml(input.reply) : `<p>${turnFailedText}</p>`,
    );
  }

  const triggered = [];
  for (const trigger of triggers) {
    triggered.push({ input: trigger, result: await triggerWorkflow(env, tenant, trigger, background) });
  }
  const ids = await recordTurn(db, conversation, {
    entries: turnEntries({ input, messageId, triggered, metadataEntry: metadata?.entry }),
    messages: messageId ? 1 : 0,
    metadata: metadata?.metadata,
    resolve: input.resolve ? { summary: input.resolve.summary ?? null } : undefined,
  });
  if (job) await env.DELIVERIES.send(job);
  if (input.resolve) background(notifyResolved(env, db, tenant, agent, conversation));

  return {
    messageId: input.edit?.messageId ?? messageId ?? ids.at(-1) ?? "",
    platformThreadId: conversation.id,
  };
}

/** Novu calls the bridge's `onResolve` once a conversation is resolved; a failure there changes nothing. */
async function notifyResolved(
  env: Env,
  db: Database,
  tenant: Tenant,
  agent: AgentRow,
  conversation: AgentConversationRow,
) {
  const url = agentBridgeUrl(agent);
  const [secretKey, state, history, subscriber] = await Promise.all([
    signingKey(env, db, tenant.id),
    getState(db, conversation.id),
    recentHistory(db, conversation.id),
    conversation.subscriberId ? findSubscriber(db, tenant, conversation.subscriberId) : undefined,
  ]);
  if (!url || !secretKey || !state) return;
  await postAgentEvent(url, {
    agent,
    event: "onResolve",
    conversation: state,
    history,
    subscriber,
    message: null,
    secretKey,
  });
}
