import type { RouteHandler } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { InboxNotification } from "../../../durable-objects/subscriber/inbox.types";
import type { AppEnv } from "../../app-env";
import { database } from "../../db/client";
import { HttpError } from "../../http/http-error";
import { inboxOf } from "../../inbox/inbox-stub";
import { getSubscriber } from "../../subscribers/subscriber.service";
import type * as routes from "./subscriber-notifications.routes";

async function inboxFor(c: Context<AppEnv>, subscriberId: string) {
  const tenant = c.get("tenant");
  await getSubscriber(database(c.env), tenant, subscriberId);
  return inboxOf(c.env, tenant.id, subscriberId);
}

function found(notification: InboxNotification | undefined, id: string): InboxNotification {
  if (!notification) throw HttpError.notFound(`Notification with id '${id}' was not found`);
  return notification;
}

export const list: RouteHandler<typeof routes.list, AppEnv> = async (c) => {
  const { subscriberId } = c.req.valid("param");
  const { limit, offset, after, read, archived, snoozed, seen, data, severity } = c.req.valid("query");
  const filter = { read, archived, snoozed, seen, data, severity };
  const page = await (await inboxFor(c, subscriberId)).list(filter, { limit, offset, after });
  return c.json({ data: page.data, hasMore: page.hasMore, filter }, 200);
};

export const count: RouteHandler<typeof routes.count, AppEnv> = async (c) => {
  const { filters } = c.req.valid("query");
  const counts = await (await inboxFor(c, c.req.valid("param").subscriberId)).count(filters);
  return c.json({ data: filters.map((filter, i) => ({ count: counts[i] ?? 0, filter })) }, 200);
};

export function singleAction(kind: (typeof routes.singleActions)[number]["action"]) {
  const handler: RouteHandler<(typeof routes.singleActions)[number]["route"], AppEnv> = async (c) => {
    const { subscriberId, notificationId } = c.req.valid("param");
    const inbox = await inboxFor(c, subscriberId);
    return c.json({ data: found(await inbox.act(notificationId, { kind }), notificationId) }, 200);
  };
  return handler;
}

export const snooze: RouteHandler<typeof routes.snooze, AppEnv> = async (c) => {
  const { subscriberId, notificationId } = c.req.valid("param");
  const until = Date.parse(c.req.valid("json").snoozeUntil);
  if (until <= Date.now()) throw HttpError.badRequest("snoozeUntil must be in the future");
  const inbox = await inboxFor(c, subscriberId);
  return c.json(
    { data: found(await inbox.act(notificationId, { kind: "snooze", until }), notificationId) },
    200,
  );
};

export function buttonAction(kind: "complete" | "revert") {
  const handler: RouteHandler<(typeof routes.buttonActions)[number]["route"], AppEnv> = async (c) => {
    const { subscriberId, notificationId, actionType } = c.req.valid("param");
    const inbox = await inboxFor(c, subscriberId);
    return c.json(
      { data: found(await inbox.act(notificationId, { kind, actionType }), notificationId) },
      200,
    );
  };
  return handler;
}

export const remove: RouteHandler<typeof routes.remove, AppEnv> = async (c) => {
  const { subscriberId, notificationId } = c.req.valid("param");
  if (!(await (await inboxFor(c, subscriberId)).remove(notificationId))) {
    throw HttpError.notFound(`Notification with id '${notificationId}' was not found`);
  }
  return c.body(null, 204);
};

export function bulkAction(action: (typeof routes.bulkActions)[number]["action"]) {
  const handler: RouteHandler<(typeof routes.bulkActions)[number]["route"], AppEnv> = async (c) => {
    const { tags, data } = c.req.valid("json");
    const inbox = await inboxFor(c, c.req.valid("param").subscriberId);
    if (action === "delete") await inbox.removeMatching({ tags, data });
    else await inbox.actOnMany(action, { filter: { tags, data } });
    return c.body(null, 204);
  };
  return handler;
}

export const seen: RouteHandler<typeof routes.seen, AppEnv> = async (c) => {
  const { tags, data, notificationIds } = c.req.valid("json");
  const inbox = await inboxFor(c, c.req.valid("param").subscriberId);
  await inbox.actOnMany("seen", { filter: { tags, data }, ids: notificationIds });
  return c.body(null, 204);
};
