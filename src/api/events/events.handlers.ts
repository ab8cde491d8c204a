import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../app-env";
import { triggerWorkflow } from "../../events/trigger.service";
import type * as routes from "./events.routes";

export const trigger: RouteHandler<typeof routes.trigger, AppEnv> = async (c) => {
  const result = await triggerWorkflow(c.env, c.get("tenant"), c.req.valid("json"));
  return c.json({ data: result }, 201);
};
