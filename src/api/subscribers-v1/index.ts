import { createRouter } from "../../http/router";
import * as handlers from "./subscribers-v1.handlers";
import * as routes from "./subscribers-v1.routes";

export const subscribersV1Api = createRouter()
  .openapi(routes.bulkCreate, handlers.bulkCreate)
  .openapi(routes.replaceCredentials, handlers.replaceCredentials)
  .openapi(routes.appendCredentials, handlers.appendCredentials)
  .openapi(routes.deleteCredentials, handlers.deleteCredentials)
  .openapi(routes.onlineStatus, handlers.onlineStatus);
