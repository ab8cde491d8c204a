import { createRoute, z } from "@hono/zod-openapi";
import { database } from "../../db/client";
import { commonErrors, dataOf, json, jsonBody, notFound } from "../../http/responses";
import { createRouter } from "../../http/router";
import {
  bulkPreferencesBody,
  criticalityQuery,
  patchPreferencesBody,
  preferenceItem,
  subscriberPreferencesResponse,
} from "../../preferences/preference.schemas";
import { subscriberPreferences, updatePreferences, workflowItem } from "../../preferences/preference.service";
import { subscriberIdParam } from "../../subscribers/subscriber.schemas";
import { getSubscriber } from "../../subscribers/subscriber.service";

const tags = ["Subscribers"];
const view = json(dataOf(subscriberPreferencesResponse), "The subscriber's preferences");

const list = createRoute({
  method: "get",
  path: "/v2/subscribers/{subscriberId}/preferences",
  tags,
  summary: "A subscriber's global and per-workflow channel preferences",
  request: { params: subscriberIdParam, query: criticalityQuery },
  responses: { 200: view, ...commonErrors, ...notFound },
});

const update = createRoute({
  method: "patch",
  path: "/v2/subscribers/{subscriberId}/preferences",
  tags,
  summary: "Update the global preferences, or one workflow's when workflowId is given",
  request: { params: subscriberIdParam, body: jsonBody(patchPreferencesBody) },
  responses: { 200: view, ...commonErrors, ...notFound },
});

const bulk = createRoute({
  method: "patch",
  path: "/v2/subscribers/{subscriberId}/preferences/bulk",
  tags,
  summary: "Update the preferences of up to 100 workflows",
  request: { params: subscriberIdParam, body: jsonBody(bulkPreferencesBody) },
  responses: {
    200: json(dataOf(z.array(preferenceItem)), "The updated workflow preferences"),
    ...commonErrors,
    ...notFound,
  },
});

export const preferencesApi = createRouter()
  .openapi(list, async (c) => {
    const tenant = c.get("tenant");
    const db = database(c.env);
    const { subscriberId } = c.req.valid("param");
    await getSubscriber(db, tenant, subscriberId);
    return c.json(
      {
        data: await subscriberPreferences(c.env, db, tenant, subscriberId, c.req.valid("query").criticality),
      },
      200,
    );
  })
  .openapi(update, async (c) => {
    const tenant = c.get("tenant");
    const db = database(c.env);
    const { subscriberId } = c.req.valid("param");
    const body = c.req.valid("json");
    await getSubscriber(db, tenant, subscriberId);
    await updatePreferences(c.env, db, tenant, subscriberId, {
      workflowId: body.workflowId,
      channels: body.channels ?? {},
    });
    return c.json({ data: await subscriberPreferences(c.env, db, tenant, subscriberId, "nonCritical") }, 200);
  })
  .openapi(bulk, async (c) => {
    const tenant = c.get("tenant");
    const db = database(c.env);
    const { subscriberId } = c.req.valid("param");
    await getSubscriber(db, tenant, subscriberId);
    const items = [];
    for (const change of c.req.valid("json").preferences) {
      const { workflow, subscriber } = await updatePreferences(c.env, db, tenant, subscriberId, change);
      if (workflow) items.push(workflowItem(workflow, subscriber));
    }
    return c.json({ data: items }, 200);
  });
