import type { ReplyContent } from "./agent-reply.schemas";
import { markdownToHtml } from "./markdown";

type Node = Record<string, unknown>;

const text = (value: unknown) => (typeof value === "string" ? value : undefined);
const nodes = (value: unknown): Node[] =>
  Array.isArray(value) ? value.filter((v): v is Node => typeof v === "object" && v !== null) : [];

/**
 * A card as Markdown: what reads the same in an email. Buttons, selects and radio groups are left out: they post
 * actions back through a chat platform, and an email client has nowhere to post them.
 */
function cardLines(node: Node): string[] {
  switch (node.type) {
    case "text":
      return [text(node.content) ?? ""];
    case "fields":
      return nodes(node.children).map(
        (field) => `**${text(field.label) ?? ""}:** ${text(field.value) ?? ""}`,
      );
    case "link":
    case "link-button":
      return text(node.url) ? [`[${text(node.label) ?? text(node.url)}](${text(node.url)})`] : [];
    case "image":
      return text(node.url) ? [`[${text(node.alt) ?? "Image"}](${text(node.url)})`] : [];
    case "divider":
      return ["---"];
    case "table": {
      const headers = Array.isArray(node.headers) ? node.headers.map(String) : [];
      const rows = Array.isArray(node.rows)
        ? node.rows.filter(Array.isArray).map((row) => row.map(String))
        : [];
      return [headers, ...rows].filter((row) => row.length > 0).map((row) => `- ${row.join(" | ")}`);
    }
    case "section":
    case "card":
      return nodes(node.children).flatMap((child) => ["", ...cardLines(child)]);
    default:
      return [];
  }
}

function cardToMarkdown(card: Node): string {
  const heading = [
    text(card.title) && `**${text(card.title)}**`,
    text(card.subtitle) && `_${text(card.subtitle)}_`,
  ];
  return [heading.filter(Boolean).join("\n"), ...cardLines({ ...card, type: "card" })].join("\n").trim();
}

/** Novu's portable approval card: its title and subtitle; Approve/Deny are chat buttons an email cannot carry. */
function approvalCardToMarkdown(card: Node): string {
  return [`**${text(card.title) ?? "Tool approval required"}**`, text(card.subtitle), text(card.body)]
    .filter(Boolean)
    .join("\n\n");
}

/** The reply as Markdown text: what is kept in the conversation history and rendered into the email. */
export function replyText(content: ReplyContent): string {
  if (content.markdown !== undefined) return content.markdown;
  if (content.card) return cardToMarkdown(content.card);
  return approvalCardToMarkdown(content.toolApprovalCard ?? {});
}

/**
 * The email body. Files given by URL become links under the message; inline (base64) files are not attached:
 * a delivery job travels through a queue message of at most 128 KB, with no room for attachments.
 */
export function replyHtml(content: ReplyContent): string {
  const links = (content.files ?? []).flatMap((file) =>
    file.url ? [`- [${file.filename}](${file.url})`] : [],
  );
  const markdown = links.length > 0 ? `${replyText(content)}\n\n${links.join("\n")}` : replyText(content);
  return markdownToHtml(markdown);
}
