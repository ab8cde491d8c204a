import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../app-env";
import { database } from "../../db/client";
import { toWebhookEndpointDto } from "../../webhooks/webhook.mapper";
import * as endpoints from "../../webhooks/webhook.service";
import type * as routes from "./webhooks.routes";

export const list: RouteHandler<typeof routes.list, AppEnv> = async (c) => {
  const rows = await endpoints.listEndpoints(database(c.env), c.get("tenant"));
  return c.json({ data: rows.map(toWebhookEndpointDto) }, 200);
};

export const create: RouteHandler<typeof routes.create, AppEnv> = async (c) => {
  const { row, secret } = await endpoints.createEndpoint(
    c.env,
    database(c.env),
    c.get("tenant"),
    c.req.valid("json"),
  );
  return c.json({ data: { ...toWebhookEndpointDto(row), secret } }, 201);
};

export const retrieve: RouteHandler<typeof routes.retrieve, AppEnv> = async (c) => {
  const row = await endpoints.getEndpoint(database(c.env), c.get("tenant"), c.req.valid("param").endpointId);
  return c.json({ data: toWebhookEndpointDto(row) }, 200);
};

export const update: RouteHandler<typeof routes.update, AppEnv> = async (c) => {
  const row = await endpoints.updateEndpoint(
    database(c.env),
    c.get("tenant"),
    c.req.valid("param").endpointId,
    c.req.valid("json"),
  );
  return c.json({ data: toWebhookEndpointDto(row) }, 200);
};

export const rotateSecret: RouteHandler<typeof routes.rotateSecret, AppEnv> = async (c) => {
  const { row, secret } = await endpoints.rotateSecret(
    c.env,
    database(c.env),
    c.get("tenant"),
    c.req.valid("param").endpointId,
  );
  return c.json({ data: { ...toWebhookEndpointDto(row), secret } }, 200);
};

export const remove: RouteHandler<typeof routes.remove, AppEnv> = async (c) => {
  await endpoints.deleteEndpoint(database(c.env), c.get("tenant"), c.req.valid("param").endpointId);
  return c.body(null, 204);
};
