import { inboxSessionAuth } from "../../auth/inbox-session";
import { createRouter } from "../../http/router";
import * as handlers from "./inbox.handlers";
import * as routes from "./inbox.routes";

const notifications = createRouter();
notifications.use("/v1/inbox/notifications", inboxSessionAuth);
notifications.use("/v1/inbox/notifications/*", inboxSessionAuth);
notifications
  .openapi(routes.list, handlers.list)
  .openapi(routes.count, handlers.count)
  .openapi(routes.seen, handlers.seen)
  .openapi(routes.snooze, handlers.snooze)
  .openapi(routes.remove, handlers.remove);
for (const { action, route } of routes.simpleActionRoutes)
  notifications.openapi(route, handlers.simpleAction(action));
for (const { action, route } of routes.buttonActionRoutes)
  notifications.openapi(route, handlers.buttonAction(action));
for (const { action, route } of routes.bulkActionRoutes)
  notifications.openapi(route, handlers.bulkAction(action));

export const inboxApi = createRouter().openapi(routes.session, handlers.session).route("/", notifications);
