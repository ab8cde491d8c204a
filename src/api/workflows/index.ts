import { createRouter } from "../../http/router";
import * as handlers from "./workflows.handlers";
import * as routes from "./workflows.routes";

export const workflowsApi = createRouter()
  .openapi(routes.create, handlers.create)
  .openapi(routes.list, handlers.list)
  .openapi(routes.retrieve, handlers.retrieve)
  .openapi(routes.update, handlers.update)
  .openapi(routes.remove, handlers.remove)
  .openapi(routes.patch, handlers.patch)
  .openapi(routes.retrieveStep, handlers.retrieveStep)
  .openapi(routes.patchStep, handlers.patchStep)
  .openapi(routes.preview, handlers.preview)
  .openapi(routes.sync, handlers.sync);
