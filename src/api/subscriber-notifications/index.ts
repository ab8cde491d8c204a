import { createRouter } from "../../http/router";
import * as handlers from "./subscriber-notifications.handlers";
import * as routes from "./subscriber-notifications.routes";

const router = createRouter()
  .openapi(routes.list, handlers.list)
  .openapi(routes.count, handlers.count)
  .openapi(routes.seen, handlers.seen)
  .openapi(routes.snooze, handlers.snooze)
  .openapi(routes.remove, handlers.remove);
for (const { action, route } of routes.singleActions) router.openapi(route, handlers.singleAction(action));
for (const { action, route } of routes.buttonActions) router.openapi(route, handlers.buttonAction(action));
for (const { action, route } of routes.bulkActions) router.openapi(route, handlers.bulkAction(action));

export const subscriberNotificationsApi = router;
