import { and, desc, eq, sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { chunks, rowsPerInsert } from "../db/limits";
import {
  type AgentConversationEntryRow,
  type AgentConversationRow,
  agentConversationEntries,
  agentConversations,
} from "../db/schema";
import { objectId } from "../lib/ids";

/** Novu hands the bridge this many of the latest history entries. */
const historyLength = 20;

/** Novu caps a conversation's metadata at 64 KB of JSON. */
export const maxMetadataBytes = 65_536;

/** The subject an email thread keeps through replies and forwards: `Re: Fwd: Order 12` → `order 12`. */
export function threadKey(subject: string | undefined): string {
  return (subject ?? "")
    .replace(/^(?:\s*(?:re|fwd?|aw|sv|wg)\s*(?:\[\d+\])?\s*:\s*)+/i, "")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
}

export type NewEntry = Pick<AgentConversationEntryRow, "role" | "type" | "content"> &
  Partial<Pick<AgentConversationEntryRow, "id" | "richContent" | "senderName" | "signalData">>;

export type OpenInput = {
  environmentId: string;
  agentId: string;
  participantAddress: string;
  participantName: string | null;
  subscriberId: string | null;
  subject: string | null;
  integrationIdentifier: string | null;
  dryRun: boolean;
};

/**
 * The thread's conversation, reopened if it was resolved (as Novu does when a resolved thread gets a new message),
 * or a new one. A dry run always opens its own, so a test never lands in a real thread.
 */
export async function openConversation(db: Database, input: OpenInput): Promise<AgentConversationRow> {
  const now = Date.now();
  const key = threadKey(input.subject ?? undefined);
  if (!input.dryRun) {
    const [existing] = await db
      .select()
      .from(agentConversations)
      .where(
        and(
          eq(agentConversations.agentId, input.agentId),
          eq(agentConversations.participantAddress, input.participantAddress),
          eq(agentConversations.threadKey, key),
          eq(agentConversations.dryRun, false),
        ),
      )
      .orderBy(desc(agentConversations.lastActivityAt))
      .limit(1);
    if (existing) {
      const [reopened] = await db
        .update(agentConversations)
        .set({
          status: "active",
          resolvedAt: null,
          participantName: input.participantName ?? existing.participantName,
          subscriberId: input.subscriberId ?? existing.subscriberId,
          integrationIdentifier: input.integrationIdentifier ?? existing.integrationIdentifier,
          updatedAt: now,
        })
        .where(eq(agentConversations.id, existing.id))
        .returning();
      return reopened ?? existing;
    }
  }
  const [created] = await db
    .insert(agentConversations)
    .values({
      id: objectId(now),
      environmentId: input.environmentId,
      agentId: input.agentId,
      channel: "email",
      status: "active",
      integrationIdentifier: input.integrationIdentifier,
      participantAddress: input.participantAddress,
      participantName: input.participantName,
      subscriberId: input.subscriberId,
      subject: input.subject,
      threadKey: key,
      metadata: {},
      dryRun: input.dryRun,
      lastActivityAt: now,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (!created) throw new Error("conversation insert returned nothing");
  return created;
}

export async function findConversation(db: Database, environmentId: string, agentId: string, id: string) {
  const [row] = await db
    .select()
    .from(agentConversations)
    .where(
      and(
        eq(agentConversations.id, id),
        eq(agentConversations.environmentId, environmentId),
        eq(agentConversations.agentId, agentId),
      ),
    )
    .limit(1);
  return row;
}

export async function findEntry(db: Database, conversationId: string, entryId: string) {
  const [row] = await db
    .select()
    .from(agentConversationEntries)
    .where(
      and(
        eq(agentConversationEntries.id, entryId),
        eq(agentConversationEntries.conversationId, conversationId),
      ),
    )
    .limit(1);
  return row;
}

export type ConversationChange = {
  entries: NewEntry[];
  /** How many of the entries are messages (they count towards `messageCount`). */
  messages: number;
  metadata?: Record<string, unknown>;
  resolve?: { summary: string | null };
};

/**
 * Appends entries and applies the conversation's changes in one D1 batch, so history and state never disagree.
 * Returns the ids given to the entries, in order.
 */
export async function recordTurn(
  db: Database,
  conversation: AgentConversationRow,
  change: ConversationChange,
): Promise<string[]> {
  if (change.entries.length === 0 && !change.metadata && !change.resolve) return [];
  const now = Date.now();
  const rows = change.entries.map(({ id, ...entry }, i) => ({
    id: id ?? objectId(now),
    conversationId: conversation.id,
    ...entry,
    // Entries of one turn share a millisecond: the offset keeps them in the order they were given.
    createdAt: now + i,
  }));
  const update = db
    .update(agentConversations)
    .set({
      messageCount: sql`${agentConversations.messageCount} + ${change.messages}`,
      lastActivityAt: now,
      updatedAt: now,
      metadata: change.metadata,
      ...(change.resolve ? { status: "resolved", resolvedAt: now, summary: change.resolve.summary } : {}),
    })
    .where(eq(agentConversations.id, conversation.id));
  const inserts = chunks(rows, rowsPerInsert(9)).map((part) =>
    db.insert(agentConversationEntries).values(part),
  );
  await db.batch([update, ...inserts]);
  return rows.map((row) => row.id);
}

/** The latest entries, oldest first. */
export async function recentHistory(
  db: Database,
  conversationId: string,
): Promise<AgentConversationEntryRow[]> {
  const rows = await db
    .select()
    .from(agentConversationEntries)
    .where(eq(agentConversationEntries.conversationId, conversationId))
    .orderBy(desc(agentConversationEntries.createdAt), desc(agentConversationEntries.id))
    .limit(historyLength);
  return rows.reverse();
}

export async function getState(db: Database, conversationId: string) {
  const [row] = await db
    .select()
    .from(agentConversations)
    .where(eq(agentConversations.id, conversationId))
    .limit(1);
  return row;
}
