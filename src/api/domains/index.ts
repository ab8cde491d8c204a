import { createRouter } from "../../http/router";
import * as domains from "./domains.handlers";
import * as domainRoutes from "./domains.routes";
import * as handlers from "./routes.handlers";
import * as routes from "./routes.routes";

export const domainsApi = createRouter()
  .openapi(domainRoutes.list, domains.list)
  .openapi(domainRoutes.create, domains.create)
  .openapi(domainRoutes.retrieve, domains.retrieve)
  .openapi(domainRoutes.update, domains.update)
  .openapi(domainRoutes.remove, domains.remove)
  .openapi(domainRoutes.verify, domains.verify)
  .openapi(domainRoutes.diagnose, domains.diagnose)
  .openapi(domainRoutes.autoConfigure, domains.autoConfigure)
  .openapi(domainRoutes.startAutoConfigure, domains.startAutoConfigure)
  .openapi(routes.list, handlers.list)
  .openapi(routes.create, handlers.create)
  .openapi(routes.retrieve, handlers.retrieve)
  .openapi(routes.update, handlers.update)
  .openapi(routes.remove, handlers.remove)
  .openapi(routes.test, handlers.test);
