import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../app-env";
import { database } from "../../db/client";
import * as variables from "../../environment-variables/environment-variable.service";
import type * as routes from "./environment-variables.routes";

export const create: RouteHandler<typeof routes.create, AppEnv> = async (c) => {
  const row = await variables.createVariable(c.env, database(c.env), c.get("tenant"), c.req.valid("json"));
  return c.json({ data: variables.toVariableDto(row) }, 200);
};

export const list: RouteHandler<typeof routes.list, AppEnv> = async (c) => {
  const rows = await variables.listVariables(database(c.env), c.get("tenant"), c.req.valid("query").search);
  return c.json({ data: rows.map(variables.toVariableDto) }, 200);
};

export const retrieve: RouteHandler<typeof routes.retrieve, AppEnv> = async (c) => {
  const row = await variables.getVariable(database(c.env), c.get("tenant"), c.req.valid("param").variableKey);
  return c.json({ data: variables.toVariableDto(row) }, 200);
};

export const update: RouteHandler<typeof routes.update, AppEnv> = async (c) => {
  const { variableKey } = c.req.valid("param");
  const row = await variables.updateVariable(
    c.env,
    database(c.env),
    c.get("tenant"),
    variableKey,
    c.req.valid("json"),
  );
  return c.json({ data: variables.toVariableDto(row) }, 200);
};

export const remove: RouteHandler<typeof routes.remove, AppEnv> = async (c) => {
  await variables.deleteVariable(database(c.env), c.get("tenant"), c.req.valid("param").variableKey);
  return c.body(null, 204);
};

export const usage: RouteHandler<typeof routes.usage, AppEnv> = async (c) => {
  const used = await variables.variableUsage(
    database(c.env),
    c.get("tenant"),
    c.req.valid("param").variableKey,
  );
  return c.json({ data: { workflows: used } }, 200);
};
