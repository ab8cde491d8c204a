import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../app-env";
import { toContextDto } from "../../contexts/context.mapper";
import * as contexts from "../../contexts/context.service";
import { database } from "../../db/client";
import { toCursorList } from "../../http/pagination";
import type * as routes from "./contexts.routes";

export const list: RouteHandler<typeof routes.list, AppEnv> = async (c) => {
  const page = await contexts.listContexts(database(c.env), c.get("tenant"), c.req.valid("query"));
  return c.json(toCursorList(page, toContextDto), 200);
};

export const create: RouteHandler<typeof routes.create, AppEnv> = async (c) => {
  const row = await contexts.createContext(database(c.env), c.get("tenant"), c.req.valid("json"));
  return c.json(toContextDto(row), 201);
};

export const retrieve: RouteHandler<typeof routes.retrieve, AppEnv> = async (c) => {
  const { type, id } = c.req.valid("param");
  const row = await contexts.getContext(database(c.env), c.get("tenant"), type, id);
  return c.json(toContextDto(row), 200);
};

export const update: RouteHandler<typeof routes.update, AppEnv> = async (c) => {
  const { type, id } = c.req.valid("param");
  const { data } = c.req.valid("json");
  const row = await contexts.updateContext(database(c.env), c.get("tenant"), type, id, data);
  return c.json(toContextDto(row), 200);
};

export const remove: RouteHandler<typeof routes.remove, AppEnv> = async (c) => {
  const { type, id } = c.req.valid("param");
  await contexts.deleteContext(database(c.env), c.get("tenant"), type, id);
  return c.body(null, 204);
};
