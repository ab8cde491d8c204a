import { createRouter } from "../../http/router";
import * as handlers from "./integrations.handlers";
import * as routes from "./integrations.routes";

export const integrationsApi = createRouter()
  .openapi(routes.list, handlers.list)
  .openapi(routes.listActive, handlers.listActive)
  .openapi(routes.create, handlers.create)
  .openapi(routes.update, handlers.update)
  .openapi(routes.remove, handlers.remove)
  .openapi(routes.setPrimary, handlers.setPrimary);
