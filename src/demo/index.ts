import { createRoute, z } from "@hono/zod-openapi";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app-env";
import { HttpError } from "../http/http-error";
import { jsonBody } from "../http/responses";
import { createRouter } from "../http/router";
import { triggerDemo } from "./demo.service";

/**
 * The demo exists only where `DEMO_PAGE` is "on": wrangler.toml turns it on for `wrangler dev`, `npm run deploy`
 * turns it off. Elsewhere every /demo path answers the app's ordinary 404.
 */
const demoEnabled = createMiddleware<AppEnv>(async (c, next) => {
  if (c.env.DEMO_PAGE !== "on") throw HttpError.notFound(`Cannot ${c.req.method} ${c.req.path}`);
  await next();
});

/** Files under demo/public (the page and its bundle, built by demo/build.mjs), reached only through this gate. */
async function asset(c: { env: Env; req: { url: string } }, file: string) {
  const response = await c.env.ASSETS.fetch(new URL(`/${file}`, c.req.url));
  if (!response.ok) throw HttpError.notFound(`Cannot GET /demo/${file}`);
  return response;
}

// Hidden from /openapi.json: a development convenience, not part of the Novu API.
const trigger = createRoute({
  method: "post",
  path: "/demo/trigger",
  hide: true,
  request: {
    body: jsonBody(
      z.object({
        applicationIdentifier: z.string().trim().min(1).max(255),
        subscriberId: z.string().trim().min(1).max(255),
      }),
    ),
  },
  responses: { 201: { description: "The demo workflow was triggered" } },
});

export const demoApi = createRouter();
demoApi.use("/demo", demoEnabled);
demoApi.use("/demo/*", demoEnabled);
demoApi.get("/demo", (c) => asset(c, "index.html"));
demoApi.openapi(trigger, async (c) => {
  const result = await triggerDemo(c.env, c.req.valid("json"), (work) => c.executionCtx.waitUntil(work));
  return c.json({ data: result }, 201);
});
demoApi.get("/demo/:file", (c) => asset(c, c.req.param("file")));
