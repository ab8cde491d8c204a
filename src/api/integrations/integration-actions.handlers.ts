import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../app-env";
import { database } from "../../db/client";
import { chatOAuthUrl, linkChannelEndpointUrl } from "../../integrations/integration-oauth";
import {
  acceptTelegramUpdate,
  autoConfigureIntegration,
  configureTelegramWebhook,
  issueMobileLink,
} from "../../integrations/integration-webhook-setup";
import { completeChatOAuth } from "../../integrations/oauth-callback";
import type * as routes from "./integration-actions.routes";

/** URLs handed to providers point back at whichever host this request reached. */
const originOf = (url: string) => new URL(url).origin;

export const autoConfigure: RouteHandler<typeof routes.autoConfigure, AppEnv> = async (c) => {
  const { integrationId } = c.req.valid("param");
  const outcome = await autoConfigureIntegration(
    c.env,
    database(c.env),
    c.get("tenant"),
    originOf(c.req.url),
    integrationId,
  );
  return c.json({ data: outcome }, 200);
};

export const configureWebhook: RouteHandler<typeof routes.configureWebhook, AppEnv> = async (c) => {
  const { integrationIdentifier } = c.req.valid("param");
  const db = database(c.env);
  const result = await configureTelegramWebhook(
    c.env,
    db,
    c.get("tenant"),
    originOf(c.req.url),
    integrationIdentifier,
  );
  return c.json({ data: result }, 200);
};

export const mobileLink: RouteHandler<typeof routes.mobileLink, AppEnv> = async (c) => {
  return issueMobileLink(c.env, database(c.env), c.get("tenant"), c.req.valid("param").integrationIdentifier);
};

export const chatOAuth: RouteHandler<typeof routes.chatOAuth, AppEnv> = async (c) => {
  const db = database(c.env);
  const { url } = await chatOAuthUrl(c.env, db, c.get("tenant"), originOf(c.req.url), c.req.valid("json"));
  return c.json({ data: { url } }, 201);
};

export const connectOAuth: RouteHandler<typeof routes.connectOAuth, AppEnv> = async (c) => {
  const input = c.req.valid("json");
  // Novu links the subscriber who connected by default when the connection is theirs.
  const autoLinkUser = input.autoLinkUser ?? input.connectionMode !== "shared";
  const db = database(c.env);
  const { url } = await chatOAuthUrl(c.env, db, c.get("tenant"), originOf(c.req.url), {
    ...input,
    mode: "connect",
    autoLinkUser,
  });
  return c.json({ data: { url } }, 201);
};

export const linkUserOAuth: RouteHandler<typeof routes.linkUserOAuth, AppEnv> = async (c) => {
  const db = database(c.env);
  const { url } = await chatOAuthUrl(c.env, db, c.get("tenant"), originOf(c.req.url), {
    ...c.req.valid("json"),
    mode: "link_user",
  });
  return c.json({ data: { url } }, 201);
};

export const linkEndpoint: RouteHandler<typeof routes.linkEndpoint, AppEnv> = async (c) => {
  const db = database(c.env);
  const link = await linkChannelEndpointUrl(
    c.env,
    db,
    c.get("tenant"),
    originOf(c.req.url),
    c.req.valid("json"),
  );
  return c.json({ data: link }, 200);
};

export const oauthCallback: RouteHandler<typeof routes.oauthCallback, AppEnv> = async (c) => {
  await completeChatOAuth(c.env, database(c.env), originOf(c.req.url), c.req.valid("query"));
  return c.html("<script>window.close();</script>", 200);
};

export const telegramWebhook: RouteHandler<typeof routes.telegramWebhook, AppEnv> = async (c) => {
  const { environmentId, integrationIdentifier } = c.req.valid("param");
  const secret = c.req.header("x-telegram-bot-api-secret-token");
  await acceptTelegramUpdate(c.env, database(c.env), environmentId, integrationIdentifier, secret);
  return c.json({}, 200);
};
