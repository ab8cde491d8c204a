import { createRouter } from "../../http/router";
import * as handlers from "./topics.handlers";
import * as routes from "./topics.routes";

export const topicsApi = createRouter()
  .openapi(routes.list, handlers.list)
  .openapi(routes.upsert, handlers.upsert)
  .openapi(routes.retrieve, handlers.retrieve)
  .openapi(routes.update, handlers.update)
  .openapi(routes.remove, handlers.remove)
  .openapi(routes.listSubscriptions, handlers.listSubscriptions)
  .openapi(routes.subscribe, handlers.subscribe)
  .openapi(routes.unsubscribe, handlers.unsubscribe)
  .openapi(routes.retrieveSubscription, handlers.retrieveSubscription)
  .openapi(routes.updateSubscription, handlers.updateSubscription)
  .openapi(routes.checkSubscriber, handlers.checkSubscriber)
  .openapi(routes.subscriberSubscriptions, handlers.subscriberSubscriptions);
