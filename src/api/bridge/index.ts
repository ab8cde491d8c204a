import { createRouter } from "../../http/router";
import * as handlers from "./bridge.handlers";
import * as routes from "./bridge.routes";

export const bridgeApi = createRouter()
  .openapi(routes.sync, handlers.sync)
  .openapi(routes.status, handlers.status);
