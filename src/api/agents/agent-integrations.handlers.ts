import type { RouteHandler } from "@hono/zod-openapi";
import { toAgentIntegrationDto } from "../../agents/agent.mapper";
import * as links from "../../agents/agent-integration.service";
import type { AppEnv } from "../../app-env";
import { database } from "../../db/client";
import { toCursorList } from "../../http/pagination";
import type * as routes from "./agent-integrations.routes";

const toDto = ({ link, integration }: links.Link) => toAgentIntegrationDto(link, integration);

export const list: RouteHandler<typeof routes.list, AppEnv> = async (c) => {
  const { identifier } = c.req.valid("param");
  const page = await links.listLinks(database(c.env), c.get("tenant"), identifier, c.req.valid("query"));
  return c.json(toCursorList(page, toDto), 200);
};

export const create: RouteHandler<typeof routes.create, AppEnv> = async (c) => {
  const { identifier } = c.req.valid("param");
  const created = await links.addLink(database(c.env), c.get("tenant"), identifier, c.req.valid("json"));
  return c.json({ data: toDto(created) }, 201);
};

export const update: RouteHandler<typeof routes.update, AppEnv> = async (c) => {
  const { identifier, agentIntegrationId } = c.req.valid("param");
  const { integrationIdentifier } = c.req.valid("json");
  const updated = await links.updateLink(
    database(c.env),
    c.get("tenant"),
    identifier,
    agentIntegrationId,
    integrationIdentifier,
  );
  return c.json({ data: toDto(updated) }, 200);
};

export const remove: RouteHandler<typeof routes.remove, AppEnv> = async (c) => {
  const { identifier, agentIntegrationId } = c.req.valid("param");
  await links.removeLink(database(c.env), c.get("tenant"), identifier, agentIntegrationId);
  return c.body(null, 204);
};
