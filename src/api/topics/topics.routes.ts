import { createRoute, z } from "@hono/zod-openapi";
import { cursorList, cursorQuery } from "../../http/pagination";
import { commonErrors, conflict, dataOf, json, jsonBody, notFound } from "../../http/responses";
import { subscriberIdParam } from "../../subscribers/subscriber.schemas";
import {
  createSubscriptionsBody,
  deleteSubscriptionsBody,
  listSubscriptionsQuery,
  listTopicsQuery,
  subscriptionDetailsResponse,
  subscriptionParam,
  subscriptionResponse,
  subscriptionsResult,
  topicKeyParam,
  topicMembership,
  topicResponse,
  updateSubscriptionBody,
  updateTopicBody,
  upsertTopicBody,
} from "../../topics/topic.schemas";

const tags = ["Topics"];
const topic = json(dataOf(topicResponse), "The topic");
const subscription = json(dataOf(subscriptionResponse), "The subscription");

export const list = createRoute({
  method: "get",
  path: "/v2/topics",
  tags,
  summary: "List topics",
  request: { query: listTopicsQuery },
  responses: {
    200: json(cursorList(topicResponse, "ListTopicsResponseDto"), "A page of topics"),
    ...commonErrors,
  },
});

export const upsert = createRoute({
  method: "post",
  path: "/v2/topics",
  tags,
  summary: "Create a topic, or update its name (unless failIfExists=true)",
  request: {
    query: z.object({
      failIfExists: z
        .enum(["true", "false"])
        .optional()
        .transform((v) => v === "true"),
    }),
    body: jsonBody(upsertTopicBody),
  },
  responses: { 201: topic, 200: topic, ...commonErrors, ...conflict },
});

export const retrieve = createRoute({
  method: "get",
  path: "/v2/topics/{topicKey}",
  tags,
  summary: "Retrieve a topic",
  request: { params: topicKeyParam },
  responses: { 200: topic, ...commonErrors, ...notFound },
});

export const update = createRoute({
  method: "patch",
  path: "/v2/topics/{topicKey}",
  tags,
  summary: "Update a topic's name and data",
  request: { params: topicKeyParam, body: jsonBody(updateTopicBody) },
  responses: { 200: topic, ...commonErrors, ...notFound },
});

export const remove = createRoute({
  method: "delete",
  path: "/v2/topics/{topicKey}",
  tags,
  summary: "Delete a topic and all its subscriptions",
  request: { params: topicKeyParam },
  responses: {
    200: json(dataOf(z.object({ acknowledged: z.boolean() })), "Deleted"),
    ...commonErrors,
    ...notFound,
  },
});

export const listSubscriptions = createRoute({
  method: "get",
  path: "/v2/topics/{topicKey}/subscriptions",
  tags,
  summary: "List a topic's subscriptions",
  request: { params: topicKeyParam, query: listSubscriptionsQuery },
  responses: {
    200: json(
      cursorList(subscriptionResponse, "ListTopicSubscriptionsResponseDto"),
      "A page of subscriptions",
    ),
    ...commonErrors,
    ...notFound,
  },
});

export const subscribe = createRoute({
  method: "post",
  path: "/v2/topics/{topicKey}/subscriptions",
  tags,
  summary: "Subscribe subscribers to a topic (creating it if missing)",
  request: { params: topicKeyParam, body: jsonBody(createSubscriptionsBody) },
  responses: { 201: json(subscriptionsResult, "Per-subscriber results"), ...commonErrors },
});

export const unsubscribe = createRoute({
  method: "delete",
  path: "/v2/topics/{topicKey}/subscriptions",
  tags,
  summary: "Unsubscribe subscribers from a topic",
  request: { params: topicKeyParam, body: jsonBody(deleteSubscriptionsBody) },
  responses: { 200: json(subscriptionsResult, "Per-subscriber results"), ...commonErrors, ...notFound },
});

export const retrieveSubscription = createRoute({
  method: "get",
  path: "/v2/topics/{topicKey}/subscriptions/{identifier}",
  tags,
  summary: "Retrieve one subscription",
  request: { params: subscriptionParam },
  responses: {
    200: json(dataOf(subscriptionDetailsResponse), "The subscription"),
    ...commonErrors,
    ...notFound,
  },
});

export const updateSubscription = createRoute({
  method: "patch",
  path: "/v2/topics/{topicKey}/subscriptions/{identifier}",
  tags,
  summary: "Update one subscription",
  request: { params: subscriptionParam, body: jsonBody(updateSubscriptionBody) },
  responses: { 200: subscription, ...commonErrors, ...notFound },
});

export const checkSubscriber = createRoute({
  method: "get",
  path: "/v1/topics/{topicKey}/subscribers/{externalSubscriberId}",
  tags,
  summary: "Check that a subscriber belongs to a topic",
  request: {
    params: topicKeyParam.extend({
      externalSubscriberId: z
        .string()
        .min(1)
        .openapi({ param: { name: "externalSubscriberId", in: "path" } }),
    }),
  },
  responses: { 200: json(dataOf(topicMembership), "The membership"), ...commonErrors, ...notFound },
});

export const subscriberSubscriptions = createRoute({
  method: "get",
  path: "/v2/subscribers/{subscriberId}/subscriptions",
  tags: ["Subscribers"],
  summary: "List a subscriber's topic subscriptions",
  request: { params: subscriberIdParam, query: cursorQuery.extend({ key: z.string().optional() }) },
  responses: {
    200: json(
      cursorList(subscriptionResponse, "ListSubscriberSubscriptionsResponseDto"),
      "A page of subscriptions",
    ),
    ...commonErrors,
    ...notFound,
  },
});
