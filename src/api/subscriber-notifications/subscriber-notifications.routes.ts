import { createRoute, z } from "@hono/zod-openapi";
import { commonErrors, dataOf, json, jsonBody, notFound } from "../../http/responses";
import {
  bulkBody,
  countQuery,
  inboxFilter,
  inboxNotification,
  listQuery,
  seenBody,
  snoozeBody,
} from "../../inbox/inbox.schemas";
import { subscriberIdParam } from "../../subscribers/subscriber.schemas";

/**
 * The server API's view of a subscriber's Inbox (`subscribers.notifications.*` in @novu/api): the same operations as
 * `/v1/inbox/notifications`, addressed by subscriberId with the secret key instead of an Inbox session.
 */
const base = "/v2/subscribers/{subscriberId}/notifications";
const tags = ["Subscribers"];
const one = json(dataOf(inboxNotification), "The notification after the change");
const notificationParam = subscriberIdParam.extend({
  notificationId: z
    .string()
    .min(1)
    .openapi({ param: { name: "notificationId", in: "path" } }),
});
const severityList = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : v.split(",")))
  .pipe(z.array(z.enum(["high", "medium", "low", "none"])))
  .optional();

export const list = createRoute({
  method: "get",
  path: base,
  tags,
  summary: "List a subscriber's in-app notifications",
  request: {
    params: subscriberIdParam,
    query: listQuery
      .omit({ "tags[]": true, "severity[]": true, severity: true })
      .extend({ severity: severityList }),
  },
  responses: {
    200: json(
      z.object({ data: z.array(inboxNotification), hasMore: z.boolean(), filter: inboxFilter }),
      "A page",
    ),
    ...commonErrors,
    ...notFound,
  },
});

export const count = createRoute({
  method: "get",
  path: `${base}/count`,
  tags,
  summary: "Count a subscriber's notifications for each of several filters",
  request: { params: subscriberIdParam, query: countQuery },
  responses: {
    200: json(z.object({ data: z.array(z.object({ count: z.number(), filter: inboxFilter })) }), "Counts"),
    ...commonErrors,
    ...notFound,
  },
});

export const singleActions = (["read", "unread", "archive", "unarchive", "unsnooze"] as const).map(
  (action) => ({
    action,
    route: createRoute({
      method: "patch",
      path: `${base}/{notificationId}/${action}`,
      tags,
      summary: `Apply '${action}' to one of the subscriber's notifications`,
      request: { params: notificationParam },
      responses: { 200: one, ...commonErrors, ...notFound },
    }),
  }),
);

export const snooze = createRoute({
  method: "patch",
  path: `${base}/{notificationId}/snooze`,
  tags,
  summary: "Snooze one of the subscriber's notifications",
  request: { params: notificationParam, body: jsonBody(snoozeBody) },
  responses: { 200: one, ...commonErrors, ...notFound },
});

export const buttonActions = (["complete", "revert"] as const).map((action) => ({
  action,
  route: createRoute({
    method: "patch",
    path: `${base}/{notificationId}/actions/{actionType}/${action}`,
    tags,
    summary: `${action === "complete" ? "Complete" : "Revert"} a notification's primary or secondary action`,
    request: {
      params: notificationParam.extend({
        actionType: z.enum(["primary", "secondary"]).openapi({ param: { name: "actionType", in: "path" } }),
      }),
    },
    responses: { 200: one, ...commonErrors, ...notFound },
  }),
}));

export const remove = createRoute({
  method: "delete",
  path: `${base}/{notificationId}`,
  tags,
  summary: "Delete one of the subscriber's notifications",
  request: { params: notificationParam },
  responses: { 204: { description: "Deleted" }, ...commonErrors, ...notFound },
});

export const bulkActions = (["read", "archive", "read-archive", "delete"] as const).map((action) => ({
  action,
  route: createRoute({
    method: "post",
    path: `${base}/${action}`,
    tags,
    summary: `Bulk ${action} the subscriber's notifications matching tags and data`,
    request: { params: subscriberIdParam, body: jsonBody(bulkBody) },
    responses: { 204: { description: "Done" }, ...commonErrors, ...notFound },
  }),
}));

export const seen = createRoute({
  method: "post",
  path: `${base}/seen`,
  tags,
  summary: "Mark the subscriber's notifications seen, by id or by tags and data",
  request: { params: subscriberIdParam, body: jsonBody(seenBody) },
  responses: { 204: { description: "Done" }, ...commonErrors, ...notFound },
});
