import { z } from "@hono/zod-openapi";

/** Novu's limits: 15 files a message, inline data up to ~5 MB as base64. */
const maxFiles = 15;
const maxInlineBase64 = 7_000_000;

const fileRef = z
  .object({
    filename: z.string().min(1).max(255),
    mimeType: z.string().max(255).optional(),
    data: z.string().max(maxInlineBase64).optional(),
    url: z
      .url({ protocol: /^https?$/ })
      .max(2048)
      .optional(),
  })
  .refine((file) => (file.data === undefined) !== (file.url === undefined), {
    message: "Each file needs exactly one of data or url.",
  })
  .openapi("FileRefDto");

const card = z.record(z.string(), z.unknown());

/** Exactly one of `markdown`, `card` or `toolApprovalCard`, with optional files. */
export const replyContent = z
  .object({
    markdown: z.string().max(100_000).optional(),
    card: card.optional(),
    toolApprovalCard: card.optional(),
    files: z.array(fileRef).max(maxFiles).optional(),
  })
  .refine(
    (content) =>
      [content.markdown, content.card, content.toolApprovalCard].filter((v) => v !== undefined).length === 1,
    { message: "Content must have exactly one of markdown, card or toolApprovalCard." },
  )
  .openapi("ReplyContentDto");
export type ReplyContent = z.infer<typeof replyContent>;

/** Metadata keys Novu accepts: no prototype gadgets, no dots or brackets (`crm:ticketId` is fine). */
const metadataKey = z
  .string()
  .max(128)
  .regex(
    /^[a-zA-Z0-9]+(?:[-_:][a-zA-Z0-9]+)*$/,
    "metadata keys are letters and digits with -, _ or : between them",
  )
  .refine((key) => !["__proto__", "constructor", "prototype"].includes(key), { message: "reserved key" });

const recipients = z.union([
  z.string(),
  z.record(z.string(), z.unknown()),
  z.array(z.union([z.string(), z.record(z.string(), z.unknown())])),
]);

export const signal = z.union([
  z.object({ type: z.literal("metadata"), action: z.literal("delete"), key: metadataKey }),
  z.object({ type: z.literal("metadata"), action: z.literal("clear") }),
  z.object({
    type: z.literal("metadata"),
    action: z.literal("set").optional(),
    key: metadataKey,
    value: z.unknown().refine((value) => value !== undefined, { message: "value is required" }),
  }),
  z.object({
    type: z.literal("trigger"),
    workflowId: z.string().min(1).max(255),
    to: recipients.optional(),
    payload: z.record(z.string(), z.unknown()).optional(),
  }),
  z.object({
    type: z.literal("human"),
    kind: z.enum(["ask", "approve", "choose", "tell"]),
    prompt: z.string().min(1).max(10_000),
    requestId: z.string().min(1).max(255),
    options: z.array(z.string()).max(10).optional(),
    from: z.string().max(255).optional(),
    ttlSeconds: z.number().int().positive().optional(),
    to: z.union([z.string(), z.array(z.string()).max(50)]).optional(),
  }),
]);
export type Signal = z.infer<typeof signal>;

const messageRef = z.string().min(1).max(255);

export const agentReplyBody = z
  .object({
    conversationId: z.string().min(1).max(255),
    integrationIdentifier: z.string().min(1).max(255),
    reply: replyContent.optional(),
    toolApprovalRequest: z
      .object({
        approvalId: z.string().min(1),
        toolCallId: z.string().min(1),
        name: z.string().min(1),
        input: z.record(z.string(), z.unknown()).optional(),
        approveActionId: z.string().optional(),
        denyActionId: z.string().optional(),
        mcpServerName: z.string().optional(),
      })
      .optional(),
    edit: z.object({ messageId: messageRef, content: replyContent }).optional(),
    resolve: z.object({ summary: z.string().max(10_000).optional() }).optional(),
    signals: z.array(signal).max(50).optional(),
    toolResults: z
      .array(
        z.object({
          toolCallId: z.string().min(1),
          toolName: z.string().optional(),
          output: z.unknown().optional(),
          preview: z.string().optional(),
        }),
      )
      .max(50)
      .optional(),
    addReactions: z
      .array(z.object({ messageId: messageRef, emojiName: z.string().min(1).max(64) }))
      .max(50)
      .optional(),
    deleteMessages: z
      .array(z.object({ messageId: messageRef }))
      .max(50)
      .optional(),
    typing: z.union([z.literal("stop"), z.object({ status: z.string().max(255).optional() })]).optional(),
    error: z.boolean().optional(),
  })
  .openapi("AgentReplyPayloadDto");
export type AgentReplyInput = z.infer<typeof agentReplyBody>;

export const agentReplyParam = z.object({
  agentId: z
    .string()
    .min(1)
    .openapi({ param: { name: "agentId", in: "path" }, description: "The agent's identifier" }),
});

export const agentReplyResponse = z
  .object({ messageId: z.string(), platformThreadId: z.string() })
  .openapi("AgentReplyResponseDto");
export type AgentReplyResult = z.infer<typeof agentReplyResponse>;
