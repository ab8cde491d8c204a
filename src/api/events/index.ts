import { createRouter } from "../../http/router";
import * as handlers from "./events.handlers";
import * as routes from "./events.routes";

export const eventsApi = createRouter()
  .openapi(routes.trigger, handlers.trigger)
  .openapi(routes.bulk, handlers.bulk)
  .openapi(routes.broadcast, handlers.broadcast)
  .openapi(routes.cancel, handlers.cancel);
