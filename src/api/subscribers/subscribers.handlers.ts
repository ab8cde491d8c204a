import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../app-env";
import { database } from "../../db/client";
import { toCursorList } from "../../http/pagination";
import { inboxOf } from "../../inbox/inbox-stub";
import { toSubscriberDto } from "../../subscribers/subscriber.mapper";
import {
  deleteSubscriber,
  getSubscriber,
  patchSubscriber,
  searchSubscribers,
  upsertSubscriber,
} from "../../subscribers/subscriber.service";
import type * as routes from "./subscribers.routes";

export const search: RouteHandler<typeof routes.search, AppEnv> = async (c) => {
  const page = await searchSubscribers(database(c.env), c.get("tenant"), c.req.valid("query"));
  return c.json(toCursorList(page, toSubscriberDto), 200);
};

export const create: RouteHandler<typeof routes.create, AppEnv> = async (c) => {
  const { failIfExists } = c.req.valid("query");
  const row = await upsertSubscriber(database(c.env), c.get("tenant"), c.req.valid("json"), { failIfExists });
  return c.json({ data: toSubscriberDto(row) }, 201);
};

export const retrieve: RouteHandler<typeof routes.retrieve, AppEnv> = async (c) => {
  const row = await getSubscriber(database(c.env), c.get("tenant"), c.req.valid("param").subscriberId);
  return c.json({ data: toSubscriberDto(row) }, 200);
};

export const patch: RouteHandler<typeof routes.patch, AppEnv> = async (c) => {
  const { subscriberId } = c.req.valid("param");
  const row = await patchSubscriber(database(c.env), c.get("tenant"), subscriberId, c.req.valid("json"));
  return c.json({ data: toSubscriberDto(row) }, 200);
};

export const remove: RouteHandler<typeof routes.remove, AppEnv> = async (c) => {
  const tenant = c.get("tenant");
  const { subscriberId } = c.req.valid("param");
  await deleteSubscriber(database(c.env), tenant, subscriberId);
  await inboxOf(c.env, tenant.id, subscriberId).purge();
  return c.json({ data: { acknowledged: true, status: "deleted" } }, 200);
};
