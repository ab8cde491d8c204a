import { createRoute, z } from "@hono/zod-openapi";
import { commonErrors, dataOf, json, jsonBody, notFound } from "../../http/responses";
import {
  actionTypeBody,
  bulkBody,
  countQuery,
  inboxFilter,
  inboxNotification,
  listQuery,
  notificationIdParam,
  seenBody,
  sessionBody,
  sessionResponse,
  snoozeBody,
} from "../../inbox/inbox.schemas";

const tags = ["Inbox"];
const security = [{ inboxToken: [] }];
const one = json(dataOf(inboxNotification), "The notification after the change");

export const session = createRoute({
  method: "post",
  path: "/v1/inbox/session",
  tags,
  summary: "Open an Inbox session for a subscriber",
  request: { body: jsonBody(sessionBody) },
  responses: { 201: json(dataOf(sessionResponse), "The session"), ...commonErrors },
});

export const list = createRoute({
  method: "get",
  path: "/v1/inbox/notifications",
  tags,
  security,
  summary: "List the subscriber's notifications, newest first",
  request: { query: listQuery },
  responses: {
    200: json(
      z.object({ data: z.array(inboxNotification), hasMore: z.boolean(), filter: inboxFilter }),
      "A page of notifications",
    ),
    ...commonErrors,
  },
});

export const count = createRoute({
  method: "get",
  path: "/v1/inbox/notifications/count",
  tags,
  security,
  summary: "Count notifications for each of several filters",
  request: { query: countQuery },
  responses: {
    200: json(
      z.object({ data: z.array(z.object({ count: z.number(), filter: inboxFilter })) }),
      "One count per filter",
    ),
    ...commonErrors,
  },
});

/** Literal paths per action: a `{action}` parameter would let the first route claim (and reject) the others. */
export const simpleActions = ["read", "unread", "archive", "unarchive", "unsnooze"] as const;
export const simpleActionRoutes = simpleActions.map((action) => ({
  action,
  route: createRoute({
    method: "patch",
    path: `/v1/inbox/notifications/{id}/${action}`,
    tags,
    security,
    summary: `Apply '${action}' to one notification`,
    request: { params: notificationIdParam },
    responses: { 200: one, ...commonErrors, ...notFound },
  }),
}));

export const snooze = createRoute({
  method: "patch",
  path: "/v1/inbox/notifications/{id}/snooze",
  tags,
  security,
  summary: "Snooze one notification until a time",
  request: { params: notificationIdParam, body: jsonBody(snoozeBody) },
  responses: { 200: one, ...commonErrors, ...notFound },
});

export const buttonActionRoutes = (["complete", "revert"] as const).map((action) => ({
  action,
  route: createRoute({
    method: "patch",
    path: `/v1/inbox/notifications/{id}/${action}`,
    tags,
    security,
    summary: `${action === "complete" ? "Complete" : "Revert"} a notification's primary or secondary action`,
    request: { params: notificationIdParam, body: jsonBody(actionTypeBody) },
    responses: { 200: one, ...commonErrors, ...notFound },
  }),
}));

export const bulkActionRoutes = (["read", "archive", "read-archive", "delete"] as const).map((action) => ({
  action,
  route: createRoute({
    method: "post",
    path: `/v1/inbox/notifications/${action}`,
    tags,
    security,
    summary: `Bulk ${action} the notifications matching tags and data`,
    request: { body: jsonBody(bulkBody) },
    responses: { 204: { description: "Done" }, ...commonErrors },
  }),
}));

export const seen = createRoute({
  method: "post",
  path: "/v1/inbox/notifications/seen",
  tags,
  security,
  summary: "Mark notifications seen, by id or by tags and data",
  request: { body: jsonBody(seenBody) },
  responses: { 204: { description: "Done" }, ...commonErrors },
});

export const remove = createRoute({
  method: "delete",
  path: "/v1/inbox/notifications/{id}/delete",
  tags,
  security,
  summary: "Delete one notification",
  request: { params: notificationIdParam },
  responses: { 204: { description: "Deleted" }, ...commonErrors, ...notFound },
});
