import { createRouter } from "../../http/router";
import * as integrationHandlers from "./agent-integrations.handlers";
import * as integrationRoutes from "./agent-integrations.routes";
import * as replyHandlers from "./agent-reply.handlers";
import * as replyRoutes from "./agent-reply.routes";
import * as handlers from "./agents.handlers";
import * as routes from "./agents.routes";

export const agentsApi = createRouter()
  .openapi(routes.list, handlers.list)
  .openapi(routes.create, handlers.create)
  .openapi(routes.retrieve, handlers.retrieve)
  .openapi(routes.update, handlers.update)
  .openapi(routes.updateBridge, handlers.updateBridge)
  .openapi(routes.remove, handlers.remove)
  .openapi(integrationRoutes.list, integrationHandlers.list)
  .openapi(integrationRoutes.create, integrationHandlers.create)
  .openapi(integrationRoutes.update, integrationHandlers.update)
  .openapi(integrationRoutes.remove, integrationHandlers.remove)
  .openapi(replyRoutes.reply, replyHandlers.reply);
