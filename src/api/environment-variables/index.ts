import { createRouter } from "../../http/router";
import * as handlers from "./environment-variables.handlers";
import * as routes from "./environment-variables.routes";

export const environmentVariablesApi = createRouter()
  .openapi(routes.create, handlers.create)
  .openapi(routes.list, handlers.list)
  .openapi(routes.retrieve, handlers.retrieve)
  .openapi(routes.update, handlers.update)
  .openapi(routes.remove, handlers.remove)
  .openapi(routes.usage, handlers.usage);
