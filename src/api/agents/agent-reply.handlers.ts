import type { RouteHandler } from "@hono/zod-openapi";
import { handleAgentReply } from "../../agents/agent-reply.service";
import type { AppEnv } from "../../app-env";
import { database } from "../../db/client";
import type * as routes from "./agent-reply.routes";

export const reply: RouteHandler<typeof routes.reply, AppEnv> = async (c) => {
  const result = await handleAgentReply(
    c.env,
    database(c.env),
    c.get("tenant"),
    c.req.valid("param").agentId,
    c.req.valid("json"),
    (work) => c.executionCtx.waitUntil(work),
  );
  return c.json({ data: result }, 200);
};
