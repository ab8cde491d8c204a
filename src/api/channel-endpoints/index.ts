import { createRouter } from "../../http/router";
import * as handlers from "./channel-endpoints.handlers";
import * as routes from "./channel-endpoints.routes";

export const channelEndpointsApi = createRouter()
  .openapi(routes.list, handlers.list)
  .openapi(routes.create, handlers.create)
  .openapi(routes.retrieve, handlers.retrieve)
  .openapi(routes.update, handlers.update)
  .openapi(routes.remove, handlers.remove);
