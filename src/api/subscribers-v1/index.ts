import { createRouter } from "../../http/router";
import * as feedHandlers from "./subscriber-feed.handlers";
import * as feedRoutes from "./subscriber-feed.routes";
import * as handlers from "./subscribers-v1.handlers";
import * as routes from "./subscribers-v1.routes";

export const subscribersV1Api = createRouter()
  .openapi(routes.bulkCreate, handlers.bulkCreate)
  .openapi(routes.replaceCredentials, handlers.replaceCredentials)
  .openapi(routes.appendCredentials, handlers.appendCredentials)
  .openapi(routes.deleteCredentials, handlers.deleteCredentials)
  .openapi(routes.onlineStatus, handlers.onlineStatus)
  .openapi(feedRoutes.feed, feedHandlers.feed)
  .openapi(feedRoutes.unseen, feedHandlers.unseen)
  .openapi(feedRoutes.markAs, feedHandlers.markAs)
  .openapi(feedRoutes.markAll, feedHandlers.markAll)
  .openapi(feedRoutes.action, feedHandlers.action);
