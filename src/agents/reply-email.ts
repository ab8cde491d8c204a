import { and, eq } from "drizzle-orm";
import type { Database } from "../db/client";
import { type AgentConversationRow, type AgentRow, integrations } from "../db/schema";
import { type DeliveryJob, maxJobBytes } from "../delivery/delivery.types";
import { HttpError } from "../http/http-error";

/** What the person reads when the bridge reports that its turn failed (`error: true`), as Novu sends generic copy. */
export const turnFailedText =
  "Sorry, something went wrong while handling your message. Please try again in a little while.";

export async function hasActiveEmailIntegration(db: Database, environmentId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: integrations.id })
    .from(integrations)
    .where(
      and(
        eq(integrations.environmentId, environmentId),
        eq(integrations.channel, "email"),
        eq(integrations.active, true),
      ),
    )
    .limit(1);
  return Boolean(row);
}

const replySubject = (conversation: AgentConversationRow, agent: AgentRow) => {
  const subject = conversation.subject?.trim() || agent.name;
  return /^re\s*:/i.test(subject) ? subject : `Re: ${subject}`;
};

/**
 * A reply as a DELIVERIES job: it leaves the way every email of the environment does (its primary active email
 * integration, retries with backoff, the fallback integration) and is logged in `messages` under the reply's id,
 * with the conversation as its transaction. Threading headers are not set: jobs carry no custom headers.
 */
export function replyJob(
  agent: AgentRow,
  conversation: AgentConversationRow,
  messageId: string,
  html: string,
): DeliveryJob {
  const job: DeliveryJob = {
    messageId,
    environmentId: conversation.environmentId,
    subscriberId: conversation.subscriberId ?? conversation.participantAddress,
    transactionId: conversation.id,
    workflowId: `agent:${agent.identifier}`,
    stepId: "reply",
    channel: "email",
    content: { subject: replySubject(conversation, agent), body: html },
    recipient: { email: conversation.participantAddress, phone: null, channels: [] },
    providerOverrides: {},
  };
  const size = new TextEncoder().encode(JSON.stringify(job)).length;
  if (size > maxJobBytes) {
    throw new HttpError(
      413,
      `The reply renders to ${size} bytes of email; at most ${maxJobBytes} can be sent.`,
    );
  }
  return job;
}
