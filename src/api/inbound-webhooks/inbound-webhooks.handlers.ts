import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../app-env";
import { database } from "../../db/client";
import { trackProviderEvents } from "../../inbound-webhooks/inbound-webhook.service";
import type * as routes from "./inbound-webhooks.routes";

export const track: RouteHandler<typeof routes.track, AppEnv> = async (c) => {
  const { environmentId, integrationId } = c.req.valid("param");
  const form = c.req.header("content-type")?.startsWith("application/x-www-form-urlencoded");
  const body = form ? c.req.valid("form") : c.req.valid("json");
  const results = await trackProviderEvents(database(c.env), environmentId, integrationId, body);
  return c.json(results, 200);
};
