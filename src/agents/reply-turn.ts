import type { TriggerInput, TriggerResult } from "../events/trigger.schemas";
import type { AgentReplyInput, ReplyContent } from "./agent-reply.schemas";
import type { NewEntry } from "./conversation.store";
import { replyText } from "./reply-content";
import { turnFailedText } from "./reply-email";

const contentEntry = (
  type: "message" | "edit",
  content: ReplyContent,
  extra: Record<string, unknown> = {},
) => {
  // Plain Markdown is all in `content`; cards and files keep their structure for the bridge's history.
  const rich = content.markdown === undefined || content.files?.length ? { ...content, ...extra } : extra;
  return {
    role: "assistant",
    type,
    content: replyText(content),
    ...(Object.keys(rich).length > 0 ? { richContent: rich } : {}),
  } satisfies NewEntry;
};

export type TurnParts = {
  input: AgentReplyInput;
  /** The id of the reply (or of the generic error copy) this turn sends. */
  messageId: string | undefined;
  triggered: { input: TriggerInput; result: TriggerResult }[];
  metadataEntry: NewEntry | undefined;
};

/** The history entries of one turn, in the order things happened: side effects first, then what was said. */
export function turnEntries({ input, messageId, triggered, metadataEntry }: TurnParts): NewEntry[] {
  const entries: NewEntry[] = triggered.map(({ input: trigger, result }) => ({
    role: "system",
    type: "signal",
    content: `Triggered workflow: ${trigger.name}`,
    signalData: { type: "trigger", payload: { workflowId: trigger.name, to: trigger.to, ...result } },
  }));
  for (const result of input.toolResults ?? []) {
    entries.push({
      role: "assistant",
      type: "tool_result",
      content: result.preview ?? `Result of ${result.toolName ?? result.toolCallId}`,
      richContent: result,
    });
  }
  if (input.toolApprovalRequest) {
    entries.push({
      role: "assistant",
      type: "tool_approval_request",
      content: `Approval requested for ${input.toolApprovalRequest.name}`,
      richContent: input.toolApprovalRequest,
    });
  }
  if (metadataEntry) entries.push(metadataEntry);
  for (const signal of input.signals ?? []) {
    if (signal.type !== "human") continue;
    entries.push({
      role: "system",
      type: "signal",
      content: signal.prompt,
      signalData: { type: "human", payload: signal },
    });
  }
  if (input.reply && messageId) entries.push({ id: messageId, ...contentEntry("message", input.reply) });
  if (input.error && messageId) {
    entries.push({
      id: messageId,
      role: "assistant",
      type: "message",
      content: turnFailedText,
      richContent: { error: true },
    });
  }
  if (input.edit) entries.push(contentEntry("edit", input.edit.content, { messageId: input.edit.messageId }));
  if (input.resolve) {
    const { summary } = input.resolve;
    entries.push({
      role: "system",
      type: "signal",
      content: summary ?? "Conversation resolved",
      signalData: { type: "resolve", ...(summary ? { payload: { summary } } : {}) },
    });
  }
  return entries;
}
