import type { RouteHandler } from "@hono/zod-openapi";
import { toAgentDto } from "../../agents/agent.mapper";
import * as agents from "../../agents/agent.service";
import type { AppEnv, Tenant } from "../../app-env";
import { database } from "../../db/client";
import type { AgentRow } from "../../db/schema";
import { toCursorList } from "../../http/pagination";
import type * as routes from "./agents.routes";

/** Where the agent's bridge reaches this API back (its `replyUrl`). */
const originOf = (url: string) => new URL(url).origin;

async function withIntegrations(db: ReturnType<typeof database>, row: AgentRow) {
  const linked = await agents.linkedIntegrations(db, [row.id]);
  return toAgentDto(row, linked.get(row.id) ?? []);
}

export const list: RouteHandler<typeof routes.list, AppEnv> = async (c) => {
  const db = database(c.env);
  const page = await agents.listAgents(db, c.get("tenant"), c.req.valid("query"));
  const linked = await agents.linkedIntegrations(
    db,
    page.rows.map((row) => row.id),
  );
  return c.json(
    toCursorList(page, (row) => toAgentDto(row, linked.get(row.id) ?? [])),
    200,
  );
};

export const create: RouteHandler<typeof routes.create, AppEnv> = async (c) => {
  const db = database(c.env);
  const row = await agents.createAgent(db, c.get("tenant"), c.req.valid("json"), originOf(c.req.url));
  return c.json({ data: toAgentDto(row, []) }, 201);
};

export const retrieve: RouteHandler<typeof routes.retrieve, AppEnv> = async (c) => {
  const db = database(c.env);
  const row = await agents.getAgent(db, c.get("tenant"), c.req.valid("param").identifier);
  return c.json({ data: await withIntegrations(db, row) }, 200);
};

/** `PATCH /v1/agents/{identifier}` and `PUT …/bridge` are the same partial update of different fields. */
async function saveAgent(
  env: Env,
  tenant: Tenant,
  url: string,
  identifier: string,
  changes: Parameters<typeof agents.updateAgent>[3],
) {
  const db = database(env);
  return withIntegrations(db, await agents.updateAgent(db, tenant, identifier, changes, originOf(url)));
}

export const update: RouteHandler<typeof routes.update, AppEnv> = async (c) => {
  const { identifier } = c.req.valid("param");
  const agent = await saveAgent(c.env, c.get("tenant"), c.req.url, identifier, c.req.valid("json"));
  return c.json({ data: agent }, 200);
};

export const updateBridge: RouteHandler<typeof routes.updateBridge, AppEnv> = async (c) => {
  const { identifier } = c.req.valid("param");
  const agent = await saveAgent(c.env, c.get("tenant"), c.req.url, identifier, c.req.valid("json"));
  return c.json({ data: agent }, 200);
};

export const remove: RouteHandler<typeof routes.remove, AppEnv> = async (c) => {
  await agents.deleteAgent(database(c.env), c.get("tenant"), c.req.valid("param").identifier);
  return c.body(null, 204);
};
