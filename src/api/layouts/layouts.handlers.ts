import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../app-env";
import { database } from "../../db/client";
import { previewLayout } from "../../layouts/layout.content";
import { toLayoutDto } from "../../layouts/layout.mapper";
import * as layouts from "../../layouts/layout.service";
import { layoutUsage } from "../../layouts/layout.usage";
import type * as routes from "./layouts.routes";

export const create: RouteHandler<typeof routes.create, AppEnv> = async (c) => {
  const row = await layouts.createLayout(database(c.env), c.get("tenant"), c.req.valid("json"));
  return c.json({ data: toLayoutDto(row) }, 201);
};

export const list: RouteHandler<typeof routes.list, AppEnv> = async (c) => {
  const { rows, totalCount } = await layouts.listLayouts(
    database(c.env),
    c.get("tenant"),
    c.req.valid("query"),
  );
  return c.json({ data: { layouts: rows.map(toLayoutDto), totalCount } }, 200);
};

export const retrieve: RouteHandler<typeof routes.retrieve, AppEnv> = async (c) => {
  const row = await layouts.getLayout(database(c.env), c.get("tenant"), c.req.valid("param").layoutId);
  return c.json({ data: toLayoutDto(row) }, 200);
};

export const update: RouteHandler<typeof routes.update, AppEnv> = async (c) => {
  const { layoutId } = c.req.valid("param");
  const row = await layouts.updateLayout(database(c.env), c.get("tenant"), layoutId, c.req.valid("json"));
  return c.json({ data: toLayoutDto(row) }, 200);
};

export const remove: RouteHandler<typeof routes.remove, AppEnv> = async (c) => {
  await layouts.deleteLayout(database(c.env), c.get("tenant"), c.req.valid("param").layoutId);
  return c.body(null, 204);
};

export const duplicate: RouteHandler<typeof routes.duplicate, AppEnv> = async (c) => {
  const { layoutId } = c.req.valid("param");
  const row = await layouts.duplicateLayout(database(c.env), c.get("tenant"), layoutId, c.req.valid("json"));
  return c.json({ data: toLayoutDto(row) }, 201);
};

export const preview: RouteHandler<typeof routes.preview, AppEnv> = async (c) => {
  const row = await layouts.getLayout(database(c.env), c.get("tenant"), c.req.valid("param").layoutId);
  return c.json({ data: await previewLayout(row.controls, c.req.valid("json")) }, 201);
};

export const usage: RouteHandler<typeof routes.usage, AppEnv> = async (c) => {
  const db = database(c.env);
  const tenant = c.get("tenant");
  const row = await layouts.getLayout(db, tenant, c.req.valid("param").layoutId);
  return c.json({ data: await layoutUsage(db, tenant, row) }, 200);
};
