import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../app-env";
import { database } from "../../db/client";
import { toRouteDto } from "../../domains/domain.mapper";
import * as domainRoutes from "../../domains/route.service";
import { testRoute } from "../../domains/route-test.service";
import { toCursorList } from "../../http/pagination";
import type * as routes from "./routes.routes";

export const list: RouteHandler<typeof routes.list, AppEnv> = async (c) => {
  const { domain } = c.req.valid("param");
  const page = await domainRoutes.listRoutes(database(c.env), c.get("tenant"), domain, c.req.valid("query"));
  return c.json(toCursorList(page, toRouteDto), 200);
};

export const create: RouteHandler<typeof routes.create, AppEnv> = async (c) => {
  const { domain } = c.req.valid("param");
  const row = await domainRoutes.createRoute(database(c.env), c.get("tenant"), domain, c.req.valid("json"));
  return c.json({ data: toRouteDto(row) }, 201);
};

export const retrieve: RouteHandler<typeof routes.retrieve, AppEnv> = async (c) => {
  const { domain, address } = c.req.valid("param");
  const row = await domainRoutes.getRoute(database(c.env), c.get("tenant"), domain, address);
  return c.json({ data: toRouteDto(row) }, 200);
};

export const update: RouteHandler<typeof routes.update, AppEnv> = async (c) => {
  const { domain, address } = c.req.valid("param");
  const input = c.req.valid("json");
  const row = await domainRoutes.updateRoute(database(c.env), c.get("tenant"), domain, address, input);
  return c.json({ data: toRouteDto(row) }, 200);
};

export const remove: RouteHandler<typeof routes.remove, AppEnv> = async (c) => {
  const { domain, address } = c.req.valid("param");
  await domainRoutes.deleteRoute(database(c.env), c.get("tenant"), domain, address);
  return c.body(null, 204);
};

export const test: RouteHandler<typeof routes.test, AppEnv> = async (c) => {
  const target = c.req.valid("param");
  const result = await testRoute(c.env, database(c.env), c.get("tenant"), target, c.req.valid("json"));
  return c.json({ data: result }, 200);
};
