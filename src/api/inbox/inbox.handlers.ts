import type { RouteHandler } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { InboxFilter, InboxNotification } from "../../../durable-objects/subscriber/inbox.types";
import type { NotificationAction } from "../../../durable-objects/subscriber/inbox-actions";
import type { AppEnv } from "../../app-env";
import { HttpError } from "../../http/http-error";
import { inboxOf } from "../../inbox/inbox-stub";
import { openSession } from "../../inbox/session.service";
import type * as routes from "./inbox.routes";

function inbox(c: Context<AppEnv>) {
  const session = c.get("inbox");
  return inboxOf(c.env, session.environmentId, session.subscriberId);
}

/** The session's context: every list, count and change of the Inbox stays within it. */
const sessionKeys = (c: Context<AppEnv>) => c.get("inbox").contextKeys;
const sessionContext = (c: Context<AppEnv>) => ({ contextKeys: sessionKeys(c) });

function found(notification: InboxNotification | undefined, id: string): InboxNotification {
  if (!notification) throw HttpError.notFound(`Notification with id '${id}' was not found`);
  return notification;
}

export const session: RouteHandler<typeof routes.session, AppEnv> = async (c) => {
  return c.json({ data: await openSession(c.env, c.req.valid("json")) }, 201);
};

export const list: RouteHandler<typeof routes.list, AppEnv> = async (c) => {
  const query = c.req.valid("query");
  const filter: InboxFilter = {
    tags: query["tags[]"],
    read: query.read,
    archived: query.archived,
    snoozed: query.snoozed,
    seen: query.seen,
    data: query.data,
    severity: query["severity[]"] ?? (query.severity ? [query.severity] : undefined),
  };
  const page = await inbox(c).list(
    { ...filter, ...sessionContext(c) },
    { limit: query.limit, offset: query.offset, after: query.after },
  );
  return c.json({ data: page.data, hasMore: page.hasMore, filter }, 200);
};

export const count: RouteHandler<typeof routes.count, AppEnv> = async (c) => {
  const { filters } = c.req.valid("query");
  const counts = await inbox(c).count(filters.map((filter) => ({ ...filter, ...sessionContext(c) })));
  return c.json({ data: filters.map((filter, i) => ({ count: counts[i] ?? 0, filter })) }, 200);
};

export function simpleAction(action: NotificationAction["kind"] & (typeof routes.simpleActions)[number]) {
  const handler: RouteHandler<(typeof routes.simpleActionRoutes)[number]["route"], AppEnv> = async (c) => {
    const { id } = c.req.valid("param");
    return c.json({ data: found(await inbox(c).act(id, { kind: action }, sessionKeys(c)), id) }, 200);
  };
  return handler;
}

export const snooze: RouteHandler<typeof routes.snooze, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  const until = Date.parse(c.req.valid("json").snoozeUntil);
  if (until <= Date.now()) throw HttpError.badRequest("snoozeUntil must be in the future");
  return c.json({ data: found(await inbox(c).act(id, { kind: "snooze", until }, sessionKeys(c)), id) }, 200);
};

export function buttonAction(action: "complete" | "revert") {
  const handler: RouteHandler<(typeof routes.buttonActionRoutes)[number]["route"], AppEnv> = async (c) => {
    const { id } = c.req.valid("param");
    const { actionType } = c.req.valid("json");
    const notification = await inbox(c).act(id, { kind: action, actionType }, sessionKeys(c));
    return c.json({ data: found(notification, id) }, 200);
  };
  return handler;
}

export function bulkAction(action: (typeof routes.bulkActionRoutes)[number]["action"]) {
  const handler: RouteHandler<(typeof routes.bulkActionRoutes)[number]["route"], AppEnv> = async (c) => {
    const { tags, data } = c.req.valid("json");
    const filter: InboxFilter = { tags, data, ...sessionContext(c) };
    if (action === "delete") await inbox(c).removeMatching(filter);
    else await inbox(c).actOnMany(action, { filter });
    return c.body(null, 204);
  };
  return handler;
}

export const seen: RouteHandler<typeof routes.seen, AppEnv> = async (c) => {
  const { tags, data, notificationIds } = c.req.valid("json");
  await inbox(c).actOnMany("seen", { filter: { tags, data, ...sessionContext(c) }, ids: notificationIds });
  return c.body(null, 204);
};

export const remove: RouteHandler<typeof routes.remove, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  if (!(await inbox(c).remove(id, sessionKeys(c)))) {
    throw HttpError.notFound(`Notification with id '${id}' was not found`);
  }
  return c.body(null, 204);
};
