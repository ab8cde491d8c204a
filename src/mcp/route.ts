import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { findTenant } from "../auth/api-key";
import { database } from "../db/client";
import { HttpError } from "../http/http-error";
import { createMcpServer } from "./server";

const expected = "expected 'Bearer <secret key>' or 'ApiKey <secret key>'";

/** MCP clients send `Bearer` (as Novu's own MCP server documents); `ApiKey` works too, as on the REST API. */
function secretKey(header: string | undefined): string {
  if (!header) throw HttpError.unauthorized(`Missing Authorization header: ${expected}`);
  const match = /^(?:Bearer|ApiKey)\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1]) throw HttpError.unauthorized(`Invalid Authorization header: ${expected}`);
  return match[1];
}

/**
 * Streamable HTTP in stateless mode: every POST gets its own server and transport, bound to the caller's
 * environment, and answers with plain JSON. Nothing is kept between requests, so any isolate can serve any call;
 * without sessions there is no server-to-client stream to open, hence 405 on GET (which the spec allows).
 */
export const mcpApi = new Hono<AppEnv>().all("/mcp", async (c) => {
  const tenant = await findTenant(c.env, secretKey(c.req.header("authorization")));
  if (c.req.method !== "POST") {
    throw new HttpError(405, "This MCP endpoint is stateless: send JSON-RPC with POST", {
      headers: { Allow: "POST" },
    });
  }
  const server = createMcpServer({
    env: c.env,
    db: database(c.env),
    tenant,
    background: (work) => c.executionCtx.waitUntil(work),
  });
  const transport = new WebStandardStreamableHTTPServerTransport({ enableJsonResponse: true });
  await server.connect(transport);
  return transport.handleRequest(c.req.raw);
});
