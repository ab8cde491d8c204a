import type { LayoutControls } from "../db/schema";
import { HttpError } from "../http/http-error";
import { renderString } from "../templates/liquid";
import type { LayoutPreviewDto, PreviewLayoutInput } from "./layout.schemas";

type EmailControls = NonNullable<LayoutControls["email"]>;
type MailyNode = {
  type?: unknown;
  attrs?: Record<string, unknown>;
  content?: unknown;
  [key: string]: unknown;
};

/** The variable a layout body must hold: where each email step's own content is poured in. */
const contentVariable = /\{\{\s*content\s*\}\}/;

/** What the preview shows in place of `{{content}}`: a layout has no content of its own. */
export const previewContentPlaceholder =
  '<div style="padding:24px;border:1px dashed #d4d4d8;color:#71717a;text-align:center">' +
  "Your email content will be displayed here</div>";

function isHtmlDocument(body: string): boolean {
  return ["<html", "</html>", "<body", "</body>"].every((tag) => body.includes(tag));
}

function parseMaily(body: string): MailyNode | undefined {
  try {
    const doc = JSON.parse(body) as unknown;
    return doc && typeof doc === "object" && (doc as MailyNode).type === "doc"
      ? (doc as MailyNode)
      : undefined;
  } catch {
    return undefined;
  }
}

function hasMailyVariable(node: unknown, id: string): boolean {
  if (Array.isArray(node)) return node.some((child) => hasMailyVariable(child, id));
  if (!node || typeof node !== "object") return false;
  const n = node as MailyNode;
  return (n.type === "variable" && n.attrs?.id === id) || hasMailyVariable(n.content, id);
}

/**
 * Novu's rules for a layout's email body: HTML must be a whole document, blocks must be Maily JSON, and either
 * must place the `content` variable. Broken bodies are refused with 400, as Novu does.
 */
export function assertValidEmailControls(email: EmailControls): void {
  const doc = parseMaily(email.body);
  const html = isHtmlDocument(email.body);
  if (email.editorType === "html" && !html)
    throw HttpError.badRequest("Content must be a valid HTML content");
  if (email.editorType === "block" && !doc)
    throw HttpError.badRequest("Content must be a valid Maily JSON content");
  const placesContent = doc ? hasMailyVariable(doc, "content") : contentVariable.test(email.body);
  if (!placesContent) throw HttpError.badRequest('The layout body should contain the "content" variable');
}

function lookup(variables: Record<string, unknown>, path: string): unknown {
  let value: unknown = variables;
  for (const key of path.split(".")) {
    if (!value || typeof value !== "object") return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** Maily variables are resolved in place (text nodes), `content` becomes the preview placeholder. */
function resolveMaily(node: unknown, variables: Record<string, unknown>): unknown {
  if (Array.isArray(node)) return node.map((child) => resolveMaily(child, variables));
  if (!node || typeof node !== "object") return node;
  const n = node as MailyNode;
  if (n.type === "variable" && typeof n.attrs?.id === "string") {
    const id = n.attrs.id;
    if (id === "content") {
      return {
        type: "text",
        text: previewContentPlaceholder,
        attrs: { ...n.attrs, shouldDangerouslySetInnerHTML: true },
      };
    }
    const value = lookup(variables, id) ?? n.attrs.fallback ?? `{{${id}}}`;
    return { type: "text", text: typeof value === "string" ? value : JSON.stringify(value) };
  }
  return n.content === undefined ? n : { ...n, content: resolveMaily(n.content, variables) };
}

/** Novu fills every subscriber field the body uses with its own variable path, e.g. `{{subscriber.firstName}}`. */
function exampleSubscriber(body: string): Record<string, unknown> {
  const example: Record<string, unknown> = {};
  for (const [, field] of body.matchAll(/subscriber\.([A-Za-z_$][\w$]*)/g)) {
    if (field) example[field] = `{{subscriber.${field}}}`;
  }
  return example;
}

function emailOf(values: Record<string, unknown>): { body: string; editorType: string } {
  const email = values.email as Partial<EmailControls> | undefined;
  const editorType = email?.editorType === "html" ? "html" : "block";
  const body = typeof email?.body === "string" ? email.body : editorType === "block" ? "{}" : "";
  return { body, editorType };
}

/**
 * Renders a layout's email body as Novu's preview does: the request's control values win over the stored ones,
 * `previewPayload.subscriber` over the example; HTML goes through liquid, Maily JSON has its variables resolved
 * (there is no Maily-to-HTML renderer here, so a block layout previews as resolved Maily JSON). A body that fails to
 * render still answers, with an empty result, as Novu does.
 */
export async function previewLayout(
  controls: LayoutControls,
  input: PreviewLayoutInput,
): Promise<LayoutPreviewDto> {
  const { body, editorType } = emailOf(input.controlValues ?? controls);
  const subscriber = { ...exampleSubscriber(body), ...input.previewPayload?.subscriber };
  const variables = { subscriber, content: previewContentPlaceholder };
  try {
    let rendered: string;
    if (editorType === "html") {
      rendered = await renderString(body, variables);
    } else {
      const doc = parseMaily(body);
      if (!doc) throw new Error("not Maily JSON");
      rendered = JSON.stringify(resolveMaily(doc, { subscriber }));
    }
    return { previewPayloadExample: { subscriber }, result: { type: "email", preview: { body: rendered } } };
  } catch {
    return { previewPayloadExample: {}, result: { type: "email" } };
  }
}
