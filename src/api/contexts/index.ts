import { createRouter } from "../../http/router";
import * as handlers from "./contexts.handlers";
import * as routes from "./contexts.routes";

export const contextsApi = createRouter()
  .openapi(routes.list, handlers.list)
  .openapi(routes.create, handlers.create)
  .openapi(routes.retrieve, handlers.retrieve)
  .openapi(routes.update, handlers.update)
  .openapi(routes.remove, handlers.remove);
