import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../app-env";
import { toEndpointDto } from "../../channels/endpoint.mapper";
import * as endpoints from "../../channels/endpoint.service";
import { database } from "../../db/client";
import { toCursorList } from "../../http/pagination";
import type * as routes from "./channel-endpoints.routes";

export const list: RouteHandler<typeof routes.list, AppEnv> = async (c) => {
  const page = await endpoints.listEndpoints(database(c.env), c.get("tenant"), c.req.valid("query"));
  return c.json(toCursorList(page, toEndpointDto), 200);
};

export const create: RouteHandler<typeof routes.create, AppEnv> = async (c) => {
  const row = await endpoints.createEndpoint(database(c.env), c.get("tenant"), c.req.valid("json"));
  return c.json({ data: toEndpointDto(row) }, 201);
};

export const retrieve: RouteHandler<typeof routes.retrieve, AppEnv> = async (c) => {
  const row = await endpoints.getEndpoint(database(c.env), c.get("tenant"), c.req.valid("param").identifier);
  return c.json({ data: toEndpointDto(row) }, 200);
};

export const update: RouteHandler<typeof routes.update, AppEnv> = async (c) => {
  const { identifier } = c.req.valid("param");
  const row = await endpoints.updateEndpoint(
    database(c.env),
    c.get("tenant"),
    identifier,
    c.req.valid("json").endpoint,
  );
  return c.json({ data: toEndpointDto(row) }, 200);
};

export const remove: RouteHandler<typeof routes.remove, AppEnv> = async (c) => {
  await endpoints.deleteEndpoint(database(c.env), c.get("tenant"), c.req.valid("param").identifier);
  return c.body(null, 204);
};
