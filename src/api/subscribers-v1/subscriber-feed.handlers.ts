import type { RouteHandler } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../../app-env";
import { database } from "../../db/client";
import { HttpError } from "../../http/http-error";
import { inboxOf } from "../../inbox/inbox-stub";
import { getSubscriber } from "../../subscribers/subscriber.service";
import { toFeedItem } from "../../subscribers/subscriber-feed";
import type * as routes from "./subscriber-feed.routes";

/** The inbox of a subscriber that must exist in the key's environment (404 otherwise). */
async function inboxFor(c: Context<AppEnv>, subscriberId: string) {
  const tenant = c.get("tenant");
  await getSubscriber(database(c.env), tenant, subscriberId);
  return inboxOf(c.env, tenant.id, subscriberId);
}

export const feed: RouteHandler<typeof routes.feed, AppEnv> = async (c) => {
  const { subscriberId } = c.req.valid("param");
  const { page, limit, read, seen } = c.req.valid("query");
  const inbox = await inboxFor(c, subscriberId);
  const result = await inbox.legacyFeed({ read, seen }, { limit, offset: page * limit });
  const tenant = c.get("tenant");
  return c.json(
    {
      data: result.data.map((m) => toFeedItem(m, tenant)),
      page,
      pageSize: limit,
      hasMore: result.hasMore,
      totalCount: result.totalCount,
    },
    200,
  );
};

export const unseen: RouteHandler<typeof routes.unseen, AppEnv> = async (c) => {
  const { subscriberId } = c.req.valid("param");
  const { seen, limit } = c.req.valid("query");
  const [count = 0] = await (await inboxFor(c, subscriberId)).count([
    { seen: seen ?? false, archived: false },
  ]);
  return c.json({ data: { count: Math.min(count, limit) } }, 200);
};

export const markAs: RouteHandler<typeof routes.markAs, AppEnv> = async (c) => {
  const { subscriberId } = c.req.valid("param");
  const { messageId, markAs: kind } = c.req.valid("json");
  const ids = Array.isArray(messageId) ? messageId : [messageId];
  const changed = await (await inboxFor(c, subscriberId)).markAs(ids, { kind });
  if (changed.length === 0)
    throw HttpError.notFound(`No message of subscriber '${subscriberId}' matched ${ids.join(", ")}`);
  return c.json({ data: changed.map((m) => toFeedItem(m, c.get("tenant"))) }, 201);
};

export const markAll: RouteHandler<typeof routes.markAll, AppEnv> = async (c) => {
  const { subscriberId } = c.req.valid("param");
  const { markAs: kind } = c.req.valid("json");
  const changed = await (await inboxFor(c, subscriberId)).actOnMany(kind, {});
  return c.json({ data: changed }, 201);
};

export const action: RouteHandler<typeof routes.action, AppEnv> = async (c) => {
  const { subscriberId, messageId, type } = c.req.valid("param");
  const { status } = c.req.valid("json");
  const [changed] = await (await inboxFor(c, subscriberId)).markAs([messageId], {
    kind: status === "done" ? "complete" : "revert",
    actionType: type,
  });
  if (!changed)
    throw HttpError.notFound(`Message '${messageId}' of subscriber '${subscriberId}' was not found`);
  return c.json({ data: toFeedItem(changed, c.get("tenant")) }, 201);
};
