import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv, Tenant } from "../../app-env";
import { inboxSessionAuth } from "../../auth/inbox-session";
import { database } from "../../db/client";
import { commonErrors, dataOf, json, jsonBody, notFound } from "../../http/responses";
import { createRouter } from "../../http/router";
import {
  criticalityQuery,
  inboxBulkBody,
  inboxChannelsBody,
  preferenceItem,
} from "../../preferences/preference.schemas";
import {
  globalItem,
  inboxPreferences,
  updatePreferences,
  workflowItem,
} from "../../preferences/preference.service";

const tags = ["Inbox"];
const security = [{ inboxToken: [] }];
const one = json(dataOf(preferenceItem), "The preference after the change");

/** The Inbox session stands for its environment: only the ids the preference services read are needed. */
function sessionTenant(c: Context<AppEnv>): { tenant: Tenant; subscriberId: string } {
  const session = c.get("inbox");
  return {
    tenant: {
      id: session.environmentId,
      organizationId: session.organizationId,
      name: "",
      type: "dev",
      identifier: "",
      // Unknown to the session; NaN equals no revision, so nothing cached by revision is ever served for it.
      workflowsRevision: Number.NaN,
      subscribersRevision: Number.NaN,
    },
    subscriberId: session.subscriberId,
  };
}

const list = createRoute({
  method: "get",
  path: "/v1/inbox/preferences",
  tags,
  security,
  summary: "The subscriber's preferences: global first, then per workflow",
  request: {
    query: criticalityQuery.extend({ "tags[]": z.union([z.string(), z.array(z.string())]).optional() }),
  },
  responses: { 200: json(dataOf(z.array(preferenceItem)), "Preferences"), ...commonErrors },
});

const updateGlobal = createRoute({
  method: "patch",
  path: "/v1/inbox/preferences",
  tags,
  security,
  summary: "Update the global channel preferences",
  request: { body: jsonBody(inboxChannelsBody) },
  responses: { 200: one, ...commonErrors },
});

const updateBulk = createRoute({
  method: "patch",
  path: "/v1/inbox/preferences/bulk",
  tags,
  security,
  summary: "Update several workflows' preferences",
  request: { body: jsonBody(inboxBulkBody) },
  responses: {
    200: json(dataOf(z.array(preferenceItem)), "The updated preferences"),
    ...commonErrors,
    ...notFound,
  },
});

const updateWorkflow = createRoute({
  method: "patch",
  path: "/v1/inbox/preferences/{workflowId}",
  tags,
  security,
  summary: "Update one workflow's channel preferences",
  request: {
    params: z.object({
      workflowId: z
        .string()
        .min(1)
        .openapi({ param: { name: "workflowId", in: "path" } }),
    }),
    body: jsonBody(inboxChannelsBody),
  },
  responses: { 200: one, ...commonErrors, ...notFound },
});

const router = createRouter();
router.use("/v1/inbox/preferences", inboxSessionAuth);
router.use("/v1/inbox/preferences/*", inboxSessionAuth);

export const inboxPreferencesApi = router
  .openapi(list, async (c) => {
    const { tenant, subscriberId } = sessionTenant(c);
    const tagsFilter = c.req.valid("query")["tags[]"];
    const wanted =
      tagsFilter === undefined ? undefined : new Set(Array.isArray(tagsFilter) ? tagsFilter : [tagsFilter]);
    const items = await inboxPreferences(
      c.env,
      database(c.env),
      tenant,
      subscriberId,
      c.req.valid("query").criticality,
    );
    const data = items.filter(
      (item) => !wanted || !item.workflow || item.workflow.tags.some((tag) => wanted.has(tag)),
    );
    return c.json({ data }, 200);
  })
  .openapi(updateGlobal, async (c) => {
    const { tenant, subscriberId } = sessionTenant(c);
    const { subscriber } = await updatePreferences(c.env, database(c.env), tenant, subscriberId, {
      channels: c.req.valid("json"),
    });
    return c.json({ data: globalItem(subscriber) }, 200);
  })
  .openapi(updateBulk, async (c) => {
    const { tenant, subscriberId } = sessionTenant(c);
    const items = [];
    for (const { workflowId, ...channels } of c.req.valid("json").preferences) {
      const { workflow, subscriber } = await updatePreferences(c.env, database(c.env), tenant, subscriberId, {
        workflowId,
        channels,
      });
      if (workflow) items.push(workflowItem(workflow, subscriber));
    }
    return c.json({ data: items }, 200);
  })
  .openapi(updateWorkflow, async (c) => {
    const { tenant, subscriberId } = sessionTenant(c);
    const { workflowId } = c.req.valid("param");
    const { workflow, subscriber } = await updatePreferences(c.env, database(c.env), tenant, subscriberId, {
      workflowId,
      channels: c.req.valid("json"),
    });
    if (!workflow) throw new Error("a workflow preference update returned no workflow");
    return c.json({ data: workflowItem(workflow, subscriber) }, 200);
  });
