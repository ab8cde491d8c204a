import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../app-env";
import { broadcastWorkflow, cancelTrigger, triggerWorkflow } from "../../events/trigger.service";
import { HttpError } from "../../http/http-error";
import { byteLength, maxTriggerBytes, payloadTooLarge } from "../../middleware/payload-limit";
import type * as routes from "./events.routes";

export const trigger: RouteHandler<typeof routes.trigger, AppEnv> = async (c) => {
  const result = await triggerWorkflow(c.env, c.get("tenant"), c.req.valid("json"), (work) =>
    c.executionCtx.waitUntil(work),
  );
  return c.json({ data: result }, 201);
};

/** Each event stands alone: one that fails is reported in its slot and the others still run. */
export const bulk: RouteHandler<typeof routes.bulk, AppEnv> = async (c) => {
  const tenant = c.get("tenant");
  const { events } = c.req.valid("json");
  events.forEach((event, index) => {
    const size = byteLength(JSON.stringify(event));
    if (size > maxTriggerBytes) throw payloadTooLarge(size, { index, workflow: event.name });
  });
  const results = await Promise.all(
    events.map((event) =>
      triggerWorkflow(c.env, tenant, event, (work) => c.executionCtx.waitUntil(work)).catch(
        (error: unknown) => {
          if (!(error instanceof HttpError)) throw error;
          return {
            acknowledged: false,
            status: "error" as const,
            error: [error.message],
            transactionId: event.transactionId,
          };
        },
      ),
    ),
  );
  return c.json({ data: results }, 201);
};

export const broadcast: RouteHandler<typeof routes.broadcast, AppEnv> = async (c) => {
  const result = await broadcastWorkflow(c.env, c.get("tenant"), c.req.valid("json"));
  return c.json({ data: result }, 201);
};

export const cancel: RouteHandler<typeof routes.cancel, AppEnv> = async (c) => {
  const cancelled = await cancelTrigger(c.env, c.get("tenant"), c.req.valid("param").transactionId);
  return c.json({ data: cancelled }, 200);
};
