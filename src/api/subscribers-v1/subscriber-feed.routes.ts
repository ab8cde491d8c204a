import { createRoute, z } from "@hono/zod-openapi";
import { commonErrors, dataOf, json, jsonBody, notFound } from "../../http/responses";
import { subscriberIdParam } from "../../subscribers/subscriber.schemas";
import {
  actionBody,
  feedItem,
  feedQuery,
  markAllBody,
  markAsBody,
  unseenQuery,
} from "../../subscribers/subscriber-feed";

const tags = ["Subscribers"];

export const feed = createRoute({
  method: "get",
  path: "/v1/subscribers/{subscriberId}/notifications/feed",
  tags,
  summary: "A subscriber's in-app notifications (v1 feed)",
  request: { params: subscriberIdParam, query: feedQuery },
  responses: {
    200: json(
      z
        .object({
          data: z.array(feedItem),
          page: z.number(),
          pageSize: z.number(),
          hasMore: z.boolean(),
          totalCount: z.number(),
        })
        .openapi("FeedResponseDto"),
      "A page of the feed",
    ),
    ...commonErrors,
    ...notFound,
  },
});

export const unseen = createRoute({
  method: "get",
  path: "/v1/subscribers/{subscriberId}/notifications/unseen",
  tags,
  summary: "How many in-app notifications the subscriber has not seen",
  request: { params: subscriberIdParam, query: unseenQuery },
  responses: {
    200: json(dataOf(z.object({ count: z.number() })), "The count"),
    ...commonErrors,
    ...notFound,
  },
});

export const markAs = createRoute({
  method: "post",
  path: "/v1/subscribers/{subscriberId}/messages/mark-as",
  tags,
  summary: "Mark some in-app messages read, seen, unread or unseen",
  request: { params: subscriberIdParam, body: jsonBody(markAsBody) },
  responses: {
    201: json(dataOf(z.array(feedItem)), "The messages after the change"),
    ...commonErrors,
    ...notFound,
  },
});

export const markAll = createRoute({
  method: "post",
  path: "/v1/subscribers/{subscriberId}/messages/mark-all",
  tags,
  summary: "Mark all in-app messages; answers how many changed",
  request: { params: subscriberIdParam, body: jsonBody(markAllBody) },
  responses: { 201: json(dataOf(z.number()), "How many messages changed"), ...commonErrors, ...notFound },
});

export const action = createRoute({
  method: "post",
  path: "/v1/subscribers/{subscriberId}/messages/{messageId}/actions/{type}",
  tags,
  summary: "Set the status of a message's primary or secondary action",
  request: {
    params: subscriberIdParam.extend({
      messageId: z
        .string()
        .min(1)
        .openapi({ param: { name: "messageId", in: "path" } }),
      type: z.enum(["primary", "secondary"]).openapi({ param: { name: "type", in: "path" } }),
    }),
    body: jsonBody(actionBody),
  },
  responses: { 201: json(dataOf(feedItem), "The message after the change"), ...commonErrors, ...notFound },
});
