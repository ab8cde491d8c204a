import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../app-env";
import { database } from "../../db/client";
import * as environments from "../../environments/environment.service";
import { diffEnvironments, publishEnvironment } from "../../environments/environment-publish";
import type * as routes from "./environments.routes";

/** Answers from the authenticated key alone: the cheapest authenticated route, and the benchmarks' baseline. */
export const current: RouteHandler<typeof routes.current, AppEnv> = (c) => {
  const tenant = c.get("tenant");
  const data = {
    _id: tenant.id,
    name: tenant.name,
    _organizationId: tenant.organizationId,
    identifier: tenant.identifier,
    type: tenant.type,
  };
  return c.json({ data }, 200);
};

export const list: RouteHandler<typeof routes.list, AppEnv> = async (c) => {
  const found = await environments.listEnvironments(c.env, database(c.env), c.get("tenant"));
  return c.json({ data: found.map(environments.toEnvironmentDto) }, 200);
};

export const create: RouteHandler<typeof routes.create, AppEnv> = async (c) => {
  const created = await environments.createEnvironment(
    c.env,
    database(c.env),
    c.get("tenant"),
    c.req.valid("json"),
  );
  return c.json({ data: environments.toEnvironmentDto(created) }, 201);
};

export const update: RouteHandler<typeof routes.update, AppEnv> = async (c) => {
  const { environmentId } = c.req.valid("param");
  const updated = await environments.updateEnvironment(
    c.env,
    database(c.env),
    c.get("tenant"),
    environmentId,
    c.req.valid("json"),
  );
  return c.json({ data: environments.toEnvironmentDto(updated) }, 200);
};

export const remove: RouteHandler<typeof routes.remove, AppEnv> = async (c) => {
  await environments.deleteEnvironment(database(c.env), c.get("tenant"), c.req.valid("param").environmentId);
  return c.body(null, 200);
};

export const regenerate: RouteHandler<typeof routes.regenerate, AppEnv> = async (c) => {
  const key = await environments.regenerateKey(c.env, database(c.env), c.get("tenant"));
  return c.json({ data: [{ key, _userId: "api" }] }, 201);
};

export const tagsOf: RouteHandler<typeof routes.tagsOf, AppEnv> = async (c) => {
  const tags = await environments.environmentTags(
    database(c.env),
    c.get("tenant"),
    c.req.valid("param").environmentId,
  );
  return c.json({ data: tags.map((name) => ({ name })) }, 200);
};

export const diff: RouteHandler<typeof routes.diff, AppEnv> = async (c) => {
  const { targetEnvironmentId } = c.req.valid("param");
  const body = c.req.valid("json") ?? {};
  const result = await diffEnvironments(
    database(c.env),
    c.get("tenant"),
    targetEnvironmentId,
    body.sourceEnvironmentId,
  );
  return c.json({ data: result }, 200);
};

export const publish: RouteHandler<typeof routes.publish, AppEnv> = async (c) => {
  const { targetEnvironmentId } = c.req.valid("param");
  const result = await publishEnvironment(
    database(c.env),
    c.get("tenant"),
    targetEnvironmentId,
    c.req.valid("json") ?? {},
  );
  return c.json({ data: result }, 200);
};
