import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../app-env";
import { toConnectionDto } from "../../channels/connection.mapper";
import * as connections from "../../channels/connection.service";
import { database } from "../../db/client";
import { toCursorList } from "../../http/pagination";
import type * as routes from "./channel-connections.routes";

const dto = ({ row, auth }: connections.ConnectionWithAuth) => toConnectionDto(row, auth);

export const list: RouteHandler<typeof routes.list, AppEnv> = async (c) => {
  const page = await connections.listConnections(
    c.env,
    database(c.env),
    c.get("tenant"),
    c.req.valid("query"),
  );
  return c.json(toCursorList(page, dto), 200);
};

export const create: RouteHandler<typeof routes.create, AppEnv> = async (c) => {
  const created = await connections.createConnection(
    c.env,
    database(c.env),
    c.get("tenant"),
    c.req.valid("json"),
  );
  return c.json({ data: dto(created) }, 201);
};

export const retrieve: RouteHandler<typeof routes.retrieve, AppEnv> = async (c) => {
  const { identifier } = c.req.valid("param");
  const found = await connections.getConnection(c.env, database(c.env), c.get("tenant"), identifier);
  return c.json({ data: dto(found) }, 200);
};

export const update: RouteHandler<typeof routes.update, AppEnv> = async (c) => {
  const { identifier } = c.req.valid("param");
  const updated = await connections.updateConnection(
    c.env,
    database(c.env),
    c.get("tenant"),
    identifier,
    c.req.valid("json"),
  );
  return c.json({ data: dto(updated) }, 200);
};

export const remove: RouteHandler<typeof routes.remove, AppEnv> = async (c) => {
  await connections.deleteConnection(database(c.env), c.get("tenant"), c.req.valid("param").identifier);
  return c.body(null, 204);
};
