import { createRouter } from "../../http/router";
import * as handlers from "./subscribers.handlers";
import * as routes from "./subscribers.routes";

export const subscribersApi = createRouter()
  .openapi(routes.search, handlers.search)
  .openapi(routes.create, handlers.create)
  .openapi(routes.retrieve, handlers.retrieve)
  .openapi(routes.patch, handlers.patch)
  .openapi(routes.remove, handlers.remove);
