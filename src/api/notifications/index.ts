import { createRoute, z } from "@hono/zod-openapi";
import { activityResponse, listActivityQuery } from "../../activity/activity.schemas";
import { getActivity, listActivity } from "../../activity/activity.service";
import { database } from "../../db/client";
import { commonErrors, dataOf, json, notFound } from "../../http/responses";
import { createRouter } from "../../http/router";

const tags = ["Notifications"];

const list = createRoute({
  method: "get",
  path: "/v1/notifications",
  tags,
  summary: "List the environment's notification events (activity), newest first",
  request: { query: listActivityQuery },
  responses: {
    200: json(
      z
        .object({
          data: z.array(activityResponse),
          hasMore: z.boolean(),
          pageSize: z.number(),
          page: z.number(),
        })
        .openapi("ActivitiesResponseDto"),
      "A page of events",
    ),
    ...commonErrors,
  },
});

const retrieve = createRoute({
  method: "get",
  path: "/v1/notifications/{notificationId}",
  tags,
  summary: "Retrieve one event with its jobs and execution details",
  request: {
    params: z.object({
      notificationId: z
        .string()
        .min(1)
        .openapi({ param: { name: "notificationId", in: "path" } }),
    }),
  },
  responses: { 200: json(dataOf(activityResponse), "The event"), ...commonErrors, ...notFound },
});

export const notificationsApi = createRouter()
  .openapi(list, async (c) =>
    c.json(await listActivity(database(c.env), c.get("tenant"), c.req.valid("query")), 200),
  )
  .openapi(retrieve, async (c) => {
    const event = await getActivity(database(c.env), c.get("tenant"), c.req.valid("param").notificationId);
    return c.json({ data: event }, 200);
  });
