import { createRouter } from "../../http/router";
import * as handlers from "./environments.handlers";
import * as routes from "./environments.routes";

export const environmentsApi = createRouter()
  .openapi(routes.current, handlers.current)
  .openapi(routes.list, handlers.list)
  .openapi(routes.create, handlers.create)
  .openapi(routes.regenerate, handlers.regenerate)
  .openapi(routes.update, handlers.update)
  .openapi(routes.remove, handlers.remove)
  .openapi(routes.tagsOf, handlers.tagsOf)
  .openapi(routes.diff, handlers.diff)
  .openapi(routes.publish, handlers.publish);
