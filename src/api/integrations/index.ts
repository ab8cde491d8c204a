import { createRouter } from "../../http/router";
import * as actions from "./integration-actions.handlers";
import * as actionRoutes from "./integration-actions.routes";
import * as handlers from "./integrations.handlers";
import * as routes from "./integrations.routes";

export const integrationsApi = createRouter()
  .openapi(routes.list, handlers.list)
  .openapi(routes.listActive, handlers.listActive)
  .openapi(routes.create, handlers.create)
  .openapi(routes.update, handlers.update)
  .openapi(routes.remove, handlers.remove)
  .openapi(routes.setPrimary, handlers.setPrimary)
  .openapi(actionRoutes.autoConfigure, actions.autoConfigure)
  // Before configureWebhook: `/v1/integrations/webhook/…/…` is always Telegram's keyless route (see src/app.ts).
  .openapi(actionRoutes.telegramWebhook, actions.telegramWebhook)
  .openapi(actionRoutes.configureWebhook, actions.configureWebhook)
  .openapi(actionRoutes.mobileLink, actions.mobileLink)
  .openapi(actionRoutes.chatOAuth, actions.chatOAuth)
  .openapi(actionRoutes.connectOAuth, actions.connectOAuth)
  .openapi(actionRoutes.linkUserOAuth, actions.linkUserOAuth)
  .openapi(actionRoutes.linkEndpoint, actions.linkEndpoint)
  .openapi(actionRoutes.oauthCallback, actions.oauthCallback);
