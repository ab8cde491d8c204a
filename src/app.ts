import { cors } from "hono/cors";
import { createMiddleware } from "hono/factory";
import { agentsApi } from "./api/agents";
import { bridgeApi } from "./api/bridge";
import { channelConnectionsApi } from "./api/channel-connections";
import { channelEndpointsApi } from "./api/channel-endpoints";
import { contextsApi } from "./api/contexts";
import { domainsApi } from "./api/domains";
import { environmentVariablesApi } from "./api/environment-variables";
import { environmentsApi } from "./api/environments";
import { eventsApi } from "./api/events";
import { inboundWebhooksApi } from "./api/inbound-webhooks";
import { inboxApi } from "./api/inbox";
import { inboxPreferencesApi } from "./api/inbox-preferences";
import { integrationsApi } from "./api/integrations";
import { layoutsApi } from "./api/layouts";
import { messagesApi } from "./api/messages";
import { notificationsApi } from "./api/notifications";
import { preferencesApi } from "./api/preferences";
import { inboxSocket } from "./api/socket";
import { subscriberNotificationsApi } from "./api/subscriber-notifications";
import { subscribersApi } from "./api/subscribers";
import { subscribersV1Api } from "./api/subscribers-v1";
import { topicsApi } from "./api/topics";
import { translationsApi } from "./api/translations";
import { webhooksApi } from "./api/webhooks";
import { workflowsApi } from "./api/workflows";
import type { AppEnv } from "./app-env";
import { apiKeyAuth } from "./auth/api-key";
import { demoApi } from "./demo";
import { apiReference } from "./docs";
import { errorResponse } from "./http/error-body";
import { HttpError } from "./http/http-error";
import { createRouter } from "./http/router";
import { mcpApi } from "./mcp/route";
import { idempotency } from "./middleware/idempotency";
import { jsonDepthLimit } from "./middleware/json-depth";
import { payloadLimit } from "./middleware/payload-limit";
import { rateLimit } from "./middleware/rate-limit";

/** The chat OAuth callback is trusted through its signed state, not a key. */
const publicPaths = new Set(["/v1/health-check", "/v1/integrations/chat/oauth/callback"]);

/** Telegram posts bot updates without a key: the secret token registered with the webhook authenticates them. */
const telegramWebhooks = "/v1/integrations/webhook/";

/** Providers post their delivery events without a key: the path names the environment and integration. */
const inboundWebhooks = "/v2/inbound-webhooks/";

const serverApiAuth = createMiddleware<AppEnv>((c, next) =>
  c.req.path.startsWith("/v1/inbox/") ||
  c.req.path.startsWith(inboundWebhooks) ||
  c.req.path.startsWith(telegramWebhooks) ||
  publicPaths.has(c.req.path)
    ? next()
    : apiKeyAuth(c, next),
);

export function createApp() {
  const app = createRouter();

  app.use("*", inboxSocket);
  // The Inbox runs in browsers on any origin; the server API is for back ends and needs no CORS.
  app.use("/v1/inbox/*", cors({ origin: (origin) => origin, credentials: true, maxAge: 600 }));

  // Everything under /v1 and /v2 is the server API, keyed by `ApiKey`, except the Inbox (session tokens).
  app.use("/v1/*", serverApiAuth);
  app.use("/v2/*", serverApiAuth);
  app.use("/v1/events/trigger", payloadLimit);
  app.use("/v1/events/trigger/broadcast", payloadLimit);
  app.use("/v1/*", rateLimit);
  app.use("/v2/*", rateLimit);
  app.use("/v1/*", jsonDepthLimit);
  app.use("/v2/*", jsonDepthLimit);
  app.use("/v1/*", idempotency);
  app.use("/v2/*", idempotency);

  app.route("/", inboxApi);
  app.route("/", inboxPreferencesApi);
  app.route("/", eventsApi);
  app.route("/", environmentsApi);
  app.route("/", environmentVariablesApi);
  app.route("/", subscribersApi);
  app.route("/", workflowsApi);
  app.route("/", bridgeApi);
  app.route("/", integrationsApi);
  app.route("/", topicsApi);
  app.route("/", notificationsApi);
  app.route("/", contextsApi);
  app.route("/", channelConnectionsApi);
  app.route("/", channelEndpointsApi);
  app.route("/", layoutsApi);
  app.route("/", translationsApi);
  app.route("/", messagesApi);
  app.route("/", inboundWebhooksApi);
  app.route("/", subscribersV1Api);
  app.route("/", preferencesApi);
  app.route("/", subscriberNotificationsApi);
  app.route("/", webhooksApi);
  app.route("/", agentsApi);
  app.route("/", domainsApi);
  // Outside /v1 and /v2: the MCP route checks the key itself, as MCP clients send it as `Bearer`.
  app.route("/", mcpApi);

  app.openAPIRegistry.registerComponent("securitySchemes", "secretKey", {
    type: "apiKey",
    in: "header",
    name: "Authorization",
    description: "`ApiKey <secret key>`",
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "inboxToken", { type: "http", scheme: "bearer" });
  app.doc31("/openapi.json", {
    openapi: "3.1.0",
    info: { title: "Novu-compatible API on Cloudflare Workers", version: "0.1.0" },
    security: [{ secretKey: [] }],
  });

  app.get("/docs", apiReference);
  app.route("/", demoApi);

  app.get("/v1/health-check", (c) => c.json({ data: { status: "ok" } }));
  app.notFound((c) =>
    errorResponse(HttpError.notFound(`Cannot ${c.req.method} ${new URL(c.req.url).pathname}`), c),
  );
  app.onError(errorResponse);
  return app;
}
