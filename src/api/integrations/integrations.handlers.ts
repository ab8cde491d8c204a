import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../app-env";
import { database } from "../../db/client";
import { toIntegrationDto } from "../../integrations/integration.mapper";
import {
  createIntegration,
  deleteIntegration,
  type IntegrationWithCredentials,
  listIntegrations,
  setPrimaryIntegration,
  updateIntegration,
} from "../../integrations/integration.service";
import type * as routes from "./integrations.routes";

const dto = ({ row, credentials }: IntegrationWithCredentials) => toIntegrationDto(row, credentials);

export const list: RouteHandler<typeof routes.list, AppEnv> = async (c) => {
  const found = await listIntegrations(c.env, database(c.env), c.get("tenant"), { activeOnly: false });
  return c.json({ data: found.map(dto) }, 200);
};

export const listActive: RouteHandler<typeof routes.listActive, AppEnv> = async (c) => {
  const found = await listIntegrations(c.env, database(c.env), c.get("tenant"), { activeOnly: true });
  return c.json({ data: found.map(dto) }, 200);
};

export const create: RouteHandler<typeof routes.create, AppEnv> = async (c) => {
  const created = await createIntegration(c.env, database(c.env), c.get("tenant"), c.req.valid("json"));
  return c.json({ data: dto(created) }, 201);
};

export const update: RouteHandler<typeof routes.update, AppEnv> = async (c) => {
  const { integrationId } = c.req.valid("param");
  const updated = await updateIntegration(
    c.env,
    database(c.env),
    c.get("tenant"),
    integrationId,
    c.req.valid("json"),
  );
  return c.json({ data: dto(updated) }, 200);
};

export const remove: RouteHandler<typeof routes.remove, AppEnv> = async (c) => {
  const { integrationId } = c.req.valid("param");
  const remaining = await deleteIntegration(c.env, database(c.env), c.get("tenant"), integrationId);
  return c.json({ data: remaining.map(dto) }, 200);
};

export const setPrimary: RouteHandler<typeof routes.setPrimary, AppEnv> = async (c) => {
  const { integrationId } = c.req.valid("param");
  const primary = await setPrimaryIntegration(c.env, database(c.env), c.get("tenant"), integrationId);
  return c.json({ data: dto(primary) }, 200);
};
