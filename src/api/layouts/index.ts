import { createRouter } from "../../http/router";
import * as handlers from "./layouts.handlers";
import * as routes from "./layouts.routes";

export const layoutsApi = createRouter()
  .openapi(routes.create, handlers.create)
  .openapi(routes.list, handlers.list)
  .openapi(routes.retrieve, handlers.retrieve)
  .openapi(routes.update, handlers.update)
  .openapi(routes.remove, handlers.remove)
  .openapi(routes.duplicate, handlers.duplicate)
  .openapi(routes.preview, handlers.preview)
  .openapi(routes.usage, handlers.usage);
