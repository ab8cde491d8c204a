import { createRouter } from "../../http/router";
import * as handlers from "./channel-connections.handlers";
import * as routes from "./channel-connections.routes";

export const channelConnectionsApi = createRouter()
  .openapi(routes.list, handlers.list)
  .openapi(routes.create, handlers.create)
  .openapi(routes.retrieve, handlers.retrieve)
  .openapi(routes.update, handlers.update)
  .openapi(routes.remove, handlers.remove);
