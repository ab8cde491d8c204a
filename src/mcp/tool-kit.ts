import type { CallToolResult, ToolAnnotations } from "@modelcontextprotocol/sdk/types.js";
import type { Tenant } from "../app-env";
import type { Database } from "../db/client";
import type { Background } from "../events/trigger.service";
import { HttpError } from "../http/http-error";

/** What every tool call runs with: the environment the caller's key selected, as a REST handler has it. */
export type ToolContext = { env: Env; db: Database; tenant: Tenant; background: Background };

export const readOnly: ToolAnnotations = { readOnlyHint: true, openWorldHint: false };
export const writes: ToolAnnotations = { readOnlyHint: false, destructiveHint: false, openWorldHint: false };
export const destroys: ToolAnnotations = { readOnlyHint: false, destructiveHint: true, openWorldHint: false };

/**
 * A result a model can read and a program can parse: the summary first, then the same JSON as `structuredContent`
 * (the spec asks tools returning structured content to repeat it as text for clients that only show text).
 */
export function ok(summary: string, structured: Record<string, unknown>): CallToolResult {
  return {
    content: [{ type: "text", text: `${summary}\n\n${JSON.stringify(structured, null, 2)}` }],
    structuredContent: structured,
  };
}

/** A failure the model can act on (fix the argument, pick another id); the HTTP request itself succeeds. */
export function failure(message: string, structured: Record<string, unknown> = {}): CallToolResult {
  return {
    isError: true,
    content: [{ type: "text", text: message }],
    structuredContent: { message, ...structured },
  };
}

/**
 * Runs a tool body with the services' own errors turned into tool errors: a 4xx `HttpError` keeps its message and
 * field details; anything else is logged under an id and reported without internals, as `app.onError` does.
 */
export async function guard(run: () => Promise<CallToolResult>): Promise<CallToolResult> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof HttpError && error.status < 500) {
      const fields = Object.entries(error.details.errors ?? {}).map(
        ([field, { messages }]) => `${field}: ${messages.join("; ")}`,
      );
      return failure([error.message, ...fields].join("\n"), {
        statusCode: error.status,
        ...(error.details.errors ? { errors: error.details.errors } : {}),
      });
    }
    const errorId = crypto.randomUUID();
    console.error(`errorId=${errorId}`, error);
    return failure(`Internal error (errorId ${errorId}); nothing suggests the arguments were wrong`, {
      statusCode: 500,
      errorId,
    });
  }
}

/** `a, b and 3 more`: lists in summaries stay one line however long the page is. */
export function listed(items: string[], shown = 10): string {
  if (items.length === 0) return "none";
  const head = items.slice(0, shown).join(", ");
  return items.length > shown ? `${head} and ${items.length - shown} more` : head;
}
