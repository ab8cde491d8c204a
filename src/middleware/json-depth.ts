import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app-env";
import { HttpError } from "../http/http-error";

/**
 * MongoDB, where Novu keeps payloads and subscriber data, refuses documents nested deeper than 100 levels. Past a
 * few thousand levels our own code (structured clone to a Durable Object, JSON.stringify, Liquid) overflows the stack,
 * so bodies are held to Novu's effective limit before anything parses them.
 */
export const maxJsonDepth = 100;

/**
 * The nesting depth of JSON text, by counting brackets outside strings: no parse and no recursion, so the depth of
 * the input cannot exhaust the stack. Malformed text gets a number too; the JSON parser that follows rejects it.
 */
export function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (inString) {
      if (char === 0x5c) i++;
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) inString = true;
    else if (char === 0x7b || char === 0x5b) deepest = Math.max(deepest, ++depth);
    else if (char === 0x7d || char === 0x5d) depth--;
  }
  return deepest;
}

/** Refuses JSON bodies nested deeper than `maxJsonDepth` with a 400 in Novu's error shape. */
export const jsonDepthLimit = createMiddleware<AppEnv>(async (c, next) => {
  if (c.req.method === "GET" || c.req.method === "HEAD" || !c.req.header("content-type")?.includes("json")) {
    return next();
  }
  const depth = jsonDepth(await c.req.text());
  if (depth > maxJsonDepth) {
    throw HttpError.badRequest(
      `Request body is nested ${depth} levels deep; at most ${maxJsonDepth} are allowed`,
    );
  }
  await next();
});
