import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../app-env";
import { database } from "../../db/client";
import type { SubscriberRow, TopicRow, TopicSubscriptionRow } from "../../db/schema";
import { HttpError } from "../../http/http-error";
import { toCursorList } from "../../http/pagination";
import { toSubscriptionDto, toTopicDto } from "../../topics/topic.mapper";
import * as topics from "../../topics/topic.service";
import type * as routes from "./topics.routes";

function result(outcome: {
  topic: TopicRow;
  rows: TopicSubscriptionRow[];
  subscribers: Map<string, SubscriberRow>;
  errors: topics.SubscriptionFailure[];
}) {
  const data = outcome.rows.map((row) => toSubscriptionDto(row, outcome.topic, outcome.subscribers));
  return {
    data,
    meta: {
      totalCount: data.length + outcome.errors.length,
      successful: data.length,
      failed: outcome.errors.length,
    },
    ...(outcome.errors.length > 0 ? { errors: outcome.errors } : {}),
  };
}

export const list: RouteHandler<typeof routes.list, AppEnv> = async (c) => {
  const page = await topics.listTopics(database(c.env), c.get("tenant"), c.req.valid("query"));
  return c.json(toCursorList(page, toTopicDto), 200);
};

export const upsert: RouteHandler<typeof routes.upsert, AppEnv> = async (c) => {
  const { failIfExists } = c.req.valid("query");
  const { row, created } = await topics.upsertTopic(
    database(c.env),
    c.get("tenant"),
    c.req.valid("json"),
    failIfExists,
  );
  return created ? c.json({ data: toTopicDto(row) }, 201) : c.json({ data: toTopicDto(row) }, 200);
};

export const retrieve: RouteHandler<typeof routes.retrieve, AppEnv> = async (c) => {
  const row = await topics.getTopic(database(c.env), c.get("tenant"), c.req.valid("param").topicKey);
  return c.json({ data: toTopicDto(row) }, 200);
};

export const update: RouteHandler<typeof routes.update, AppEnv> = async (c) => {
  const { topicKey } = c.req.valid("param");
  const row = await topics.updateTopic(database(c.env), c.get("tenant"), topicKey, c.req.valid("json"));
  return c.json({ data: toTopicDto(row) }, 200);
};

export const remove: RouteHandler<typeof routes.remove, AppEnv> = async (c) => {
  await topics.deleteTopic(database(c.env), c.get("tenant"), c.req.valid("param").topicKey);
  return c.json({ data: { acknowledged: true } }, 200);
};

export const listSubscriptions: RouteHandler<typeof routes.listSubscriptions, AppEnv> = async (c) => {
  const { topicKey } = c.req.valid("param");
  const found = await topics.listSubscriptions(
    database(c.env),
    c.get("tenant"),
    topicKey,
    c.req.valid("query"),
  );
  return c.json(
    toCursorList(found.page, (row) => toSubscriptionDto(row, found.topic, found.subscribers)),
    200,
  );
};

export const subscribe: RouteHandler<typeof routes.subscribe, AppEnv> = async (c) => {
  const { topicKey } = c.req.valid("param");
  const body = c.req.valid("json");
  const targets = [...(body.subscriptions ?? []), ...(body.subscriberIds ?? [])];
  const outcome = await topics.subscribe(database(c.env), c.get("tenant"), topicKey, targets, body.name);
  return c.json(result(outcome), 201);
};

export const unsubscribe: RouteHandler<typeof routes.unsubscribe, AppEnv> = async (c) => {
  const { topicKey } = c.req.valid("param");
  const body = c.req.valid("json");
  const outcome = await topics.unsubscribe(database(c.env), c.get("tenant"), topicKey, [
    ...(body.subscriptions ?? []),
    ...(body.subscriberIds ?? []),
  ]);
  return c.json(result(outcome), 200);
};

export const retrieveSubscription: RouteHandler<typeof routes.retrieveSubscription, AppEnv> = async (c) => {
  const { topicKey, identifier } = c.req.valid("param");
  const found = await topics.getSubscription(database(c.env), c.get("tenant"), topicKey, identifier);
  const subscription = toSubscriptionDto(found.row, found.topic, found.subscribers);
  return c.json({ data: { ...subscription, id: subscription._id } }, 200);
};

export const updateSubscription: RouteHandler<typeof routes.updateSubscription, AppEnv> = async (c) => {
  const { topicKey, identifier } = c.req.valid("param");
  const { name } = c.req.valid("json");
  const found = await topics.renameSubscription(database(c.env), c.get("tenant"), topicKey, identifier, name);
  return c.json({ data: toSubscriptionDto(found.row, found.topic, found.subscribers) }, 200);
};

export const checkSubscriber: RouteHandler<typeof routes.checkSubscriber, AppEnv> = async (c) => {
  const { topicKey, externalSubscriberId } = c.req.valid("param");
  const tenant = c.get("tenant");
  const found = await topics.listSubscriptions(database(c.env), tenant, topicKey, {
    subscriberId: externalSubscriberId,
    limit: 1,
    orderDirection: "DESC",
  });
  const [row] = found.page.rows;
  if (!row)
    throw HttpError.notFound(`Subscriber '${externalSubscriberId}' is not subscribed to topic '${topicKey}'`);
  return c.json(
    {
      data: {
        _organizationId: tenant.organizationId,
        _environmentId: tenant.id,
        _subscriberId: row.subscriberRowId,
        _topicId: found.topic.id,
        topicKey,
        externalSubscriberId,
      },
    },
    200,
  );
};

export const subscriberSubscriptions: RouteHandler<typeof routes.subscriberSubscriptions, AppEnv> = async (
  c,
) => {
  const { subscriberId } = c.req.valid("param");
  const found = await topics.subscriptionsOf(
    database(c.env),
    c.get("tenant"),
    subscriberId,
    c.req.valid("query"),
  );
  const subscribers = new Map([[found.subscriber.subscriberId, found.subscriber]]);
  return c.json(
    toCursorList(found.page, (row) => {
      const topic = found.topics.get(row.topicId);
      if (!topic) throw new Error(`subscription ${row.id} has no topic`);
      return toSubscriptionDto(row, topic, subscribers);
    }),
    200,
  );
};
