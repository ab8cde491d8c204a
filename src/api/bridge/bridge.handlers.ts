import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../app-env";
import { bridgeHealth } from "../../bridge/bridge-health";
import { syncBridge } from "../../bridge/bridge-sync";
import { database } from "../../db/client";
import { toWorkflowDto } from "../../workflows/workflow.mapper";
import type * as routes from "./bridge.routes";

export const sync: RouteHandler<typeof routes.sync, AppEnv> = async (c) => {
  const rows = await syncBridge(c.env, database(c.env), c.get("tenant"), c.req.valid("json").bridgeUrl);
  return c.json({ data: rows.map(toWorkflowDto) }, 201);
};

export const status: RouteHandler<typeof routes.status, AppEnv> = async (c) => {
  return c.json({ data: await bridgeHealth(c.env, database(c.env), c.get("tenant")) }, 200);
};
