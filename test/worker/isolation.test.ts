// Environment isolation, one table row per route group: environment A creates a resource; a key of another
// environment (of the same organization, and of another organization) reads, changes, deletes and triggers it by
// every identifier A's resource has, and gets 404 (or an answer that does not contain it); A's resource is the same
// afterwards. Environment variables belong to the organization, so only another organization is tried on them.
import { env } from "cloudflare:workers";
import { SignJWT } from "jose";
import { describe, expect, it, vi } from "vitest";
import {
  api,
  call,
  createTenant,
  inAppWorkflow,
  openInbox,
  sendgridIntegration,
  type TestTenant,
} from "./fixtures";

type Server = ReturnType<typeof api>;
type Probe = { method: string; path: string; body?: unknown };
type Ids = Record<string, string>;

type Row = {
  group: string;
  /** Resources that belong to the organization: the same organization's other environments see them by design. */
  organizationScoped?: boolean;
  /** Creates A's resource, named with `marker`; returns the identifiers the probes use. */
  create: (a: Server, tenant: TestTenant, marker: string) => Promise<Ids>;
  /** A's own reads, whose answers must be identical before and after the neighbour's attempts. */
  snapshot: (ids: Ids) => string[];
  /** The neighbour's lists and searches: 200, without A's marker or ids. */
  lists: (ids: Ids) => string[];
  /** The neighbour's reads, updates and deletes by A's identifiers: 404 each. */
  refused: (ids: Ids) => Probe[];
  /** What the neighbour can trigger with A's identifiers; asserts its own outcome. */
  trigger?: (neighbour: Neighbour, ids: Ids) => Promise<void>;
  /** A's own check that what the neighbour tried had no effect that a snapshot cannot see. */
  afterwards?: (a: Server, ids: Ids) => Promise<void>;
};

type Neighbour = { tenant: TestTenant; server: Server };

const get = (path: string): Probe => ({ method: "GET", path });
const patch = (path: string, body: unknown): Probe => ({ method: "PATCH", path, body });
const put = (path: string, body: unknown): Probe => ({ method: "PUT", path, body });
const post = (path: string, body: unknown = {}): Probe => ({ method: "POST", path, body });
const del = (path: string, body?: unknown): Probe => ({ method: "DELETE", path, body });

async function created<T>(res: Response): Promise<T> {
  expect(res.status, await res.clone().text()).toBeLessThan(300);
  return (await res.json<{ data: T }>()).data;
}

/** A neighbour-owned in-app workflow, so triggers that reach a subscriber or topic key get as far as they can. */
async function neighbourTrigger(neighbour: Neighbour, to: unknown) {
  await neighbour.server("/v2/workflows", { method: "POST", body: inAppWorkflow("neighbour") });
  return neighbour.server("/v1/events/trigger", {
    method: "POST",
    body: { name: "neighbour", to, payload: { message: "from the neighbour" } },
  });
}

async function inboxBodies(tenant: TestTenant, subscriberId: string) {
  const inbox = await openInbox(tenant, subscriberId);
  const list = await (await inbox.call("/v1/inbox/notifications?limit=100")).json<{
    data: Array<{ body: string }>;
  }>();
  return list.data.map((n) => n.body);
}

/** A's subscriber with one notification delivered by A's own workflow. */
async function subscriberWithNotification(a: Server, marker: string, transactionId = `tx-${marker}`) {
  const subscriberId = `sub-${marker}`;
  await created(
    await a("/v2/subscribers", {
      method: "POST",
      body: { subscriberId, firstName: marker, email: `${marker}@a.example` },
    }),
  );
  await created(await a("/v2/workflows", { method: "POST", body: inAppWorkflow(`wf-${marker}`) }));
  const trigger = await a("/v1/events/trigger", {
    method: "POST",
    body: { name: `wf-${marker}`, to: subscriberId, payload: { message: `note ${marker}` }, transactionId },
  });
  expect(trigger.status).toBe(201);
  return { subscriberId, workflowId: `wf-${marker}`, transactionId, email: `${marker}@a.example` };
}

const slackIntegration = (identifier: string, marker: string) => ({
  providerId: "slack",
  channel: "chat",
  identifier,
  name: `Slack ${marker}`,
  active: true,
});

const rows: Row[] = [
  {
    group: "subscribers",
    create: async (a, _tenant, marker) => subscriberWithNotification(a, marker),
    snapshot: ({ subscriberId }) => [
      `/v2/subscribers/${subscriberId}`,
      `/v2/subscribers/${subscriberId}/notifications`,
      `/v2/subscribers/${subscriberId}/preferences`,
    ],
    lists: ({ subscriberId, email }) => [
      "/v2/subscribers",
      `/v2/subscribers?subscriberId=${subscriberId}`,
      `/v2/subscribers?email=${email}`,
    ],
    refused: ({ subscriberId }) => [
      get(`/v2/subscribers/${subscriberId}`),
      get(`/v2/subscribers/${subscriberId}/preferences`),
      patch(`/v2/subscribers/${subscriberId}`, { firstName: "hijacked" }),
      patch(`/v2/subscribers/${subscriberId}/preferences`, { channels: { in_app: false } }),
      put(`/v1/subscribers/${subscriberId}/credentials`, {
        providerId: "slack",
        credentials: { webhookUrl: "https://hijack.example" },
      }),
      patch(`/v1/subscribers/${subscriberId}/online-status`, { isOnline: true }),
      del(`/v2/subscribers/${subscriberId}`),
    ],
    trigger: async (neighbour, { subscriberId }) => {
      // The neighbour may notify a subscriber of its own with the same id; that is another subscriber.
      expect((await neighbourTrigger(neighbour, subscriberId)).status).toBe(201);
    },
  },
  {
    group: "topics",
    create: async (a, _tenant, marker) => {
      const { subscriberId } = await subscriberWithNotification(a, marker);
      const topicKey = `topic-${marker}`;
      await created(await a("/v2/topics", { method: "POST", body: { key: topicKey, name: marker } }));
      await created(
        await a(`/v2/topics/${topicKey}/subscriptions`, {
          method: "POST",
          body: { subscriptions: [subscriberId] },
        }),
      );
      return { topicKey, subscriberId, workflowId: `wf-${marker}` };
    },
    snapshot: ({ topicKey, subscriberId }) => [
      `/v2/topics/${topicKey}`,
      `/v2/topics/${topicKey}/subscriptions`,
      `/v2/subscribers/${subscriberId}/notifications`,
    ],
    lists: ({ topicKey }) => ["/v2/topics", `/v2/topics?key=${topicKey}`],
    refused: ({ topicKey, subscriberId }) => [
      get(`/v2/topics/${topicKey}`),
      get(`/v2/topics/${topicKey}/subscriptions`),
      get(`/v2/topics/${topicKey}/subscriptions/${subscriberId}`),
      get(`/v1/topics/${topicKey}/subscribers/${subscriberId}`),
      patch(`/v2/topics/${topicKey}`, { name: "hijacked" }),
      patch(`/v2/topics/${topicKey}/subscriptions/${subscriberId}`, { preferences: [] }),
      del(`/v2/topics/${topicKey}/subscriptions`, { subscriptions: [subscriberId] }),
      del(`/v2/topics/${topicKey}`),
    ],
    trigger: async (neighbour, { topicKey }) => {
      const res = await neighbourTrigger(neighbour, { type: "Topic", topicKey });
      expect([201, 404, 422]).toContain(res.status);
    },
    afterwards: async (a, { topicKey, subscriberId, workflowId }) => {
      // Fan-out is queued: A's own topic trigger, queued after the neighbour's, arrives alone.
      await a("/v1/events/trigger", {
        method: "POST",
        body: { name: workflowId, to: { type: "Topic", topicKey }, payload: { message: "sentinel" } },
      });
      await vi.waitFor(
        async () => {
          const page = await (await a(`/v2/subscribers/${subscriberId}/notifications`)).json<{
            data: Array<{ body: string }>;
          }>();
          expect(page.data.map((n) => n.body).sort()).toEqual([expect.stringMatching(/^note /), "sentinel"]);
        },
        { timeout: 10_000, interval: 100 },
      );
    },
  },
  {
    group: "workflows",
    create: async (a, _tenant, marker) => {
      const workflow = await created<{ _id: string; workflowId: string; steps: Array<{ stepId: string }> }>(
        await a("/v2/workflows", {
          method: "POST",
          body: { ...inAppWorkflow(`wf-${marker}`), name: marker },
        }),
      );
      return { workflowId: workflow.workflowId, _id: workflow._id, stepId: workflow.steps[0]?.stepId ?? "" };
    },
    snapshot: ({ workflowId }) => [`/v2/workflows/${workflowId}`],
    lists: ({ workflowId }) => ["/v2/workflows", `/v2/workflows?query=${workflowId}`],
    refused: ({ workflowId, _id, stepId }) => [
      get(`/v2/workflows/${workflowId}`),
      get(`/v2/workflows/${_id}`),
      get(`/v2/workflows/${workflowId}/steps/${stepId}`),
      post(`/v2/workflows/${workflowId}/step/${stepId}/preview`, {}),
      put(`/v2/workflows/${workflowId}`, { ...inAppWorkflow(workflowId ?? ""), name: "hijacked" }),
      patch(`/v2/workflows/${_id}`, { name: "hijacked" }),
      patch(`/v2/workflows/${workflowId}/steps/${stepId}`, { controlValues: { body: "hijacked" } }),
      del(`/v2/workflows/${workflowId}`),
    ],
    trigger: async (neighbour, { workflowId }) => {
      const res = await neighbour.server("/v1/events/trigger", {
        method: "POST",
        body: { name: workflowId, to: "anyone" },
      });
      expect(res.status).toBe(422);
      expect(await res.json()).toMatchObject({ message: "workflow_not_found" });
      const bulk = await neighbour.server("/v1/events/trigger/bulk", {
        method: "POST",
        body: { events: [{ name: workflowId, to: "anyone" }] },
      });
      expect(await bulk.text()).not.toContain('"acknowledged":true');
      const broadcast = await neighbour.server("/v1/events/trigger/broadcast", {
        method: "POST",
        body: { name: workflowId, payload: {} },
      });
      expect(broadcast.status).toBe(422);
    },
  },
  {
    group: "messages",
    create: async (a, _tenant, marker) => {
      await sendgridIntegration(a, `iso-${marker}`);
      const subscriberId = `sub-${marker}`;
      const transactionId = `tx-${marker}`;
      await created(
        await a("/v2/workflows", {
          method: "POST",
          body: {
            name: marker,
            workflowId: `wf-${marker}`,
            steps: [
              { name: "Inbox", type: "in_app", controlValues: { body: `in app ${marker}` } },
              { name: "Mail", type: "email", controlValues: { subject: marker, body: `mail ${marker}` } },
            ],
          },
        }),
      );
      await a("/v1/events/trigger", {
        method: "POST",
        body: { name: `wf-${marker}`, to: { subscriberId, email: `${marker}@a.example` }, transactionId },
      });
      const messageId = await vi.waitFor(
        async () => {
          const page = await (await a(`/v1/messages?transactionId=${transactionId}`)).json<{
            data: Array<{ _id: string; status: string }>;
          }>();
          expect(page.data.map((m) => m.status)).toEqual(["sent"]);
          return page.data[0]?._id ?? "";
        },
        { timeout: 10_000, interval: 100 },
      );
      const inApp = await (await a(`/v1/messages?channel=in_app&subscriberId=${subscriberId}`)).json<{
        data: Array<{ _id: string }>;
      }>();
      return { subscriberId, transactionId, messageId, inAppMessageId: inApp.data[0]?._id ?? "" };
    },
    snapshot: ({ transactionId, subscriberId }) => [
      `/v1/messages?transactionId=${transactionId}`,
      `/v1/messages?channel=in_app&subscriberId=${subscriberId}`,
    ],
    lists: ({ subscriberId, transactionId }) => [
      "/v1/messages",
      `/v1/messages?subscriberId=${subscriberId}`,
      `/v1/messages?transactionId=${transactionId}`,
      `/v1/messages?channel=in_app&subscriberId=${subscriberId}`,
    ],
    refused: ({ subscriberId, transactionId, messageId, inAppMessageId }) => [
      post(`/v1/subscribers/${subscriberId}/messages/mark-as`, { messageId: inAppMessageId, markAs: "read" }),
      post(`/v1/subscribers/${subscriberId}/messages/${inAppMessageId}/actions/primary`, { status: "done" }),
      del(`/v1/messages/${messageId}`),
      del(`/v1/messages/${inAppMessageId}`),
      del(`/v1/messages/transaction/${transactionId}`),
    ],
  },
  {
    group: "notifications (activity)",
    create: async (a, _tenant, marker) => {
      const { subscriberId, transactionId } = await subscriberWithNotification(a, marker);
      const notificationId = await vi.waitFor(
        async () => {
          const page = await (await a(`/v1/notifications?transactionId=${transactionId}`)).json<{
            data: Array<{ _id: string }>;
          }>();
          expect(page.data).toHaveLength(1);
          return page.data[0]?._id ?? "";
        },
        { timeout: 5_000, interval: 50 },
      );
      return { subscriberId, transactionId, notificationId };
    },
    snapshot: ({ notificationId }) => [`/v1/notifications/${notificationId}`],
    lists: ({ subscriberId, transactionId }) => [
      "/v1/notifications",
      `/v1/notifications?transactionId=${transactionId}`,
      `/v1/notifications?subscriberIds=${subscriberId}`,
    ],
    refused: ({ notificationId }) => [get(`/v1/notifications/${notificationId}`)],
  },
  {
    group: "pending runs (cancel by transactionId)",
    create: async (a, _tenant, marker) => {
      const subscriberId = `sub-${marker}`;
      await created(
        await a("/v2/workflows", {
          method: "POST",
          body: {
            name: marker,
            workflowId: `later-${marker}`,
            steps: [
              { name: "Wait", type: "delay", controlValues: { amount: 1, unit: "hours" } },
              { name: "Inbox", type: "in_app", controlValues: { body: "later" } },
            ],
          },
        }),
      );
      const transactionId = `tx-${marker}`;
      const res = await a("/v1/events/trigger", {
        method: "POST",
        body: { name: `later-${marker}`, to: subscriberId, transactionId },
      });
      expect(res.status).toBe(201);
      return { subscriberId, transactionId };
    },
    snapshot: ({ subscriberId }) => [`/v2/subscribers/${subscriberId}/notifications`],
    lists: () => [],
    refused: () => [],
    trigger: async (neighbour, { transactionId }) => {
      const res = await neighbour.server(`/v1/events/trigger/${transactionId}`, { method: "DELETE" });
      expect(await res.json()).toEqual({ data: false });
    },
    afterwards: async (a, { transactionId }) => {
      // Still pending: A's own cancel finds it.
      const res = await a(`/v1/events/trigger/${transactionId}`, { method: "DELETE" });
      expect(await res.json()).toEqual({ data: true });
    },
  },
  {
    group: "integrations",
    create: async (a, _tenant, marker) => {
      const integration = await created<{ _id: string }>(
        await a("/v1/integrations", {
          method: "POST",
          body: {
            providerId: "sendgrid",
            channel: "email",
            name: marker,
            identifier: `int-${marker}`,
            active: true,
            credentials: { apiKey: `key-${marker}`, from: "a@a.example" },
          },
        }),
      );
      return { integrationId: integration._id, identifier: `int-${marker}` };
    },
    snapshot: () => ["/v1/integrations"],
    lists: () => ["/v1/integrations", "/v1/integrations/active"],
    refused: ({ integrationId }) => [
      put(`/v1/integrations/${integrationId}`, { name: "hijacked", active: false }),
      post(`/v1/integrations/${integrationId}/set-primary`),
      del(`/v1/integrations/${integrationId}`),
    ],
  },
  {
    group: "layouts",
    create: async (a, _tenant, marker) => {
      const layout = await created<{ _id: string }>(
        await a("/v2/layouts", { method: "POST", body: { layoutId: `ly-${marker}`, name: marker } }),
      );
      return { layoutId: `ly-${marker}`, _id: layout._id };
    },
    snapshot: ({ layoutId }) => [`/v2/layouts/${layoutId}`],
    lists: () => ["/v2/layouts"],
    refused: ({ layoutId, _id }) => [
      get(`/v2/layouts/${layoutId}`),
      get(`/v2/layouts/${_id}`),
      get(`/v2/layouts/${layoutId}/usage`),
      post(`/v2/layouts/${layoutId}/preview`, {}),
      post(`/v2/layouts/${layoutId}/duplicate`, { name: "copied" }),
      put(`/v2/layouts/${layoutId}`, { name: "hijacked" }),
      del(`/v2/layouts/${layoutId}`),
    ],
  },
  {
    group: "translations",
    create: async (a, _tenant, marker) => {
      const workflowId = `wf-${marker}`;
      await created(await a("/v2/workflows", { method: "POST", body: inAppWorkflow(workflowId) }));
      const res = await a("/v2/translations", {
        method: "POST",
        body: { resourceType: "workflow", resourceId: workflowId, locale: "en_US", content: { hi: marker } },
      });
      expect(res.status).toBe(200);
      return { workflowId };
    },
    snapshot: ({ workflowId }) => [`/v2/translations/workflow/${workflowId}/en_US`],
    lists: () => ["/v2/translations/master-json?locale=en_US"],
    refused: ({ workflowId }) => [
      get(`/v2/translations/workflow/${workflowId}/en_US`),
      get(`/v2/translations/group/workflow/${workflowId}`),
      post("/v2/translations", {
        resourceType: "workflow",
        resourceId: workflowId,
        locale: "en_US",
        content: { hi: "hijacked" },
      }),
      del(`/v2/translations/workflow/${workflowId}/en_US`),
      del(`/v2/translations/workflow/${workflowId}`),
    ],
  },
  {
    group: "contexts",
    create: async (a, _tenant, marker) => {
      await created(
        await a("/v2/contexts", {
          method: "POST",
          body: { type: "tenant", id: `ctx-${marker}`, data: { marker } },
        }),
      );
      return { contextId: `ctx-${marker}` };
    },
    snapshot: ({ contextId }) => [`/v2/contexts/tenant/${contextId}`],
    lists: ({ contextId }) => ["/v2/contexts", `/v2/contexts?id=${contextId}`],
    refused: ({ contextId }) => [
      get(`/v2/contexts/tenant/${contextId}`),
      patch(`/v2/contexts/tenant/${contextId}`, { data: { hijacked: true } }),
      del(`/v2/contexts/tenant/${contextId}`),
    ],
  },
  {
    group: "channel connections",
    create: async (a, _tenant, marker) => {
      const integration = `slack-${marker}`;
      await created(
        await a("/v1/integrations", { method: "POST", body: slackIntegration(integration, marker) }),
      );
      await created(await a("/v2/subscribers", { method: "POST", body: { subscriberId: `sub-${marker}` } }));
      await created(
        await a("/v1/channel-connections", {
          method: "POST",
          body: {
            identifier: `conn-${marker}`,
            integrationIdentifier: integration,
            subscriberId: `sub-${marker}`,
            workspace: { id: "T1", name: marker },
            auth: { accessToken: `xoxb-${marker}` },
          },
        }),
      );
      return { identifier: `conn-${marker}`, integration, subscriberId: `sub-${marker}` };
    },
    snapshot: ({ identifier }) => [`/v1/channel-connections/${identifier}`],
    lists: ({ subscriberId }) => [
      "/v1/channel-connections",
      `/v1/channel-connections?subscriberId=${subscriberId}`,
    ],
    refused: ({ identifier }) => [
      get(`/v1/channel-connections/${identifier}`),
      patch(`/v1/channel-connections/${identifier}`, {
        workspace: { id: "T9" },
        auth: { accessToken: "hijacked" },
      }),
      del(`/v1/channel-connections/${identifier}`),
    ],
    trigger: async (neighbour, { integration, subscriberId }) => {
      // A's integration cannot be borrowed by identifier either.
      await neighbour.server("/v2/subscribers", { method: "POST", body: { subscriberId } });
      const res = await neighbour.server("/v1/channel-connections", {
        method: "POST",
        body: {
          integrationIdentifier: integration,
          subscriberId,
          workspace: { id: "T2" },
          auth: { accessToken: "x" },
        },
      });
      expect(res.status).toBe(404);
    },
  },
  {
    group: "channel endpoints",
    create: async (a, _tenant, marker) => {
      const integration = `slack-${marker}`;
      await created(
        await a("/v1/integrations", { method: "POST", body: slackIntegration(integration, marker) }),
      );
      await created(await a("/v2/subscribers", { method: "POST", body: { subscriberId: `sub-${marker}` } }));
      await created(
        await a("/v1/channel-endpoints", {
          method: "POST",
          body: {
            identifier: `ep-${marker}`,
            subscriberId: `sub-${marker}`,
            integrationIdentifier: integration,
            type: "slack_channel",
            endpoint: { channelId: `C-${marker}` },
          },
        }),
      );
      return { identifier: `ep-${marker}`, integration, subscriberId: `sub-${marker}` };
    },
    snapshot: ({ identifier }) => [`/v1/channel-endpoints/${identifier}`],
    lists: ({ subscriberId }) => [
      "/v1/channel-endpoints",
      `/v1/channel-endpoints?subscriberId=${subscriberId}`,
    ],
    refused: ({ identifier }) => [
      get(`/v1/channel-endpoints/${identifier}`),
      patch(`/v1/channel-endpoints/${identifier}`, { endpoint: { channelId: "hijacked" } }),
      del(`/v1/channel-endpoints/${identifier}`),
    ],
    trigger: async (neighbour, { integration, subscriberId }) => {
      await neighbour.server("/v2/subscribers", { method: "POST", body: { subscriberId } });
      const res = await neighbour.server("/v1/channel-endpoints", {
        method: "POST",
        body: {
          subscriberId,
          integrationIdentifier: integration,
          type: "slack_channel",
          endpoint: { channelId: "C-neighbour" },
        },
      });
      expect(res.status).toBe(404);
    },
  },
  {
    group: "environment variables",
    organizationScoped: true,
    create: async (a, tenant, marker) => {
      const key = `VAR_${marker.toUpperCase()}`;
      await created(
        await a("/v1/environment-variables", {
          method: "POST",
          body: { key, values: [{ _environmentId: tenant.environmentId, value: `value-${marker}` }] },
        }),
      );
      return { key };
    },
    snapshot: ({ key }) => [`/v1/environment-variables/${key}`],
    lists: ({ key }) => ["/v1/environment-variables", `/v1/environment-variables?search=${key}`],
    refused: ({ key }) => [
      get(`/v1/environment-variables/${key}`),
      get(`/v1/environment-variables/${key}/usage`),
      patch(`/v1/environment-variables/${key}`, { key: "HIJACKED" }),
      del(`/v1/environment-variables/${key}`),
    ],
    trigger: async (neighbour, { key }) => {
      // A template in the neighbour's workflow naming A's variable renders without A's value.
      await neighbour.server("/v2/workflows", {
        method: "POST",
        body: inAppWorkflow("reads-env", { body: `value:{{env.${key}}}` }),
      });
      const res = await neighbour.server("/v1/events/trigger", {
        method: "POST",
        body: { name: "reads-env", to: "reader" },
      });
      expect(res.status).toBe(201);
      expect(await inboxBodies(neighbour.tenant, "reader")).toEqual(["value:"]);
    },
  },
  {
    group: "environments",
    organizationScoped: true,
    create: async (_a, tenant) => ({ environmentId: tenant.environmentId }),
    snapshot: () => ["/v1/environments", "/v1/environments/me"],
    lists: () => ["/v1/environments"],
    refused: ({ environmentId }) => [
      get(`/v2/environments/${environmentId}/tags`),
      put(`/v1/environments/${environmentId}`, { name: "hijacked" }),
      del(`/v1/environments/${environmentId}`),
    ],
  },
  {
    group: "webhook endpoints",
    create: async (a, _tenant, marker) => {
      const endpoint = await created<{ _id: string }>(
        await a("/v1/webhooks/endpoints", {
          method: "POST",
          body: { url: `https://hooks.example/${marker}`, description: marker },
        }),
      );
      return { endpointId: endpoint._id };
    },
    snapshot: ({ endpointId }) => [`/v1/webhooks/endpoints/${endpointId}`],
    lists: () => ["/v1/webhooks/endpoints"],
    refused: ({ endpointId }) => [
      get(`/v1/webhooks/endpoints/${endpointId}`),
      patch(`/v1/webhooks/endpoints/${endpointId}`, { url: "https://hijack.example/hook" }),
      post(`/v1/webhooks/endpoints/${endpointId}/secret/rotate`),
      del(`/v1/webhooks/endpoints/${endpointId}`),
    ],
  },
  {
    group: "inbox (server side)",
    create: async (a, tenant, marker) => {
      const { subscriberId } = await subscriberWithNotification(a, marker);
      const inbox = await openInbox(tenant, subscriberId);
      const list = await (await inbox.call("/v1/inbox/notifications")).json<{
        data: Array<{ id: string }>;
      }>();
      return { subscriberId, notificationId: list.data[0]?.id ?? "" };
    },
    snapshot: ({ subscriberId }) => [`/v2/subscribers/${subscriberId}/notifications`],
    lists: ({ subscriberId }) => [
      `/v2/subscribers/${subscriberId}/notifications`,
      `/v2/subscribers/${subscriberId}/notifications/count?filters=${encodeURIComponent("[{}]")}`,
      `/v1/subscribers/${subscriberId}/notifications/feed`,
      `/v1/subscribers/${subscriberId}/notifications/unseen`,
    ],
    refused: ({ subscriberId, notificationId }) => [
      patch(`/v2/subscribers/${subscriberId}/notifications/${notificationId}/read`, {}),
      patch(`/v2/subscribers/${subscriberId}/notifications/${notificationId}/archive`, {}),
      del(`/v2/subscribers/${subscriberId}/notifications/${notificationId}`),
    ],
    trigger: async (neighbour, { subscriberId, notificationId }) => {
      // The neighbour's own Inbox session for a subscriber with the same id sees nothing of A's and cannot act on it.
      const inbox = await openInbox(neighbour.tenant, subscriberId ?? "");
      const list = await (await inbox.call("/v1/inbox/notifications")).json<{ data: unknown[] }>();
      expect(list.data).toEqual([]);
      for (const action of ["read", "archive", "snooze"]) {
        const res = await inbox.call(`/v1/inbox/notifications/${notificationId}/${action}`, {
          method: "PATCH",
          body: action === "snooze" ? { snoozeUntil: new Date(Date.now() + 3_600_000).toISOString() } : {},
        });
        expect(res.status, action).toBe(404);
      }
      const deleted = await inbox.call(`/v1/inbox/notifications/${notificationId}/delete`, {
        method: "DELETE",
      });
      expect(deleted.status).toBe(404);
    },
  },
];

/** Another environment of A's organization, created with A's key as a dashboard user would. */
async function sibling(owner: TestTenant): Promise<Neighbour> {
  const res = await api(owner)("/v1/environments", {
    method: "POST",
    body: { name: "Staging", color: "#888888" },
  });
  const environment = await created<{ _id: string; identifier: string; apiKeys: Array<{ key: string }> }>(
    res,
  );
  const tenant: TestTenant = {
    environmentId: environment._id,
    organizationId: owner.organizationId,
    applicationIdentifier: environment.identifier,
    secretKey: environment.apiKeys[0]?.key ?? "",
  };
  return { tenant, server: api(tenant) };
}

async function stranger(): Promise<Neighbour> {
  const tenant = await createTenant();
  return { tenant, server: api(tenant) };
}

const neighbours = [
  { name: "another environment of the same organization", make: sibling, organizationScoped: false },
  { name: "another organization", make: (_owner: TestTenant) => stranger(), organizationScoped: true },
];

/** The answer minus what the request itself said (Novu's errors echo the path and the identifier not found). */
function withoutEcho(text: string, path: string, body?: unknown) {
  const [route = "", query = ""] = path.split("?");
  const said = body === undefined ? [] : (JSON.stringify(body).match(/[\w-]+/g) ?? []);
  const echoed = [
    route,
    ...route.split("/"),
    ...query.split("&").flatMap((pair) => pair.split("=")),
    ...said,
  ];
  return echoed
    .filter((part) => part.length > 0)
    .sort((x, y) => y.length - x.length)
    .reduce((rest, part) => rest.replaceAll(part, ""), text);
}

async function readAll(server: Server, paths: string[]) {
  const answers: string[] = [];
  for (const path of paths) {
    const res = await server(path);
    answers.push(`${path} ${res.status} ${await res.text()}`);
  }
  return answers;
}

describe("environment isolation", { timeout: 30_000 }, () => {
  for (const neighbourKind of neighbours) {
    describe(`a key of ${neighbourKind.name}`, () => {
      const table = rows.filter((row) => neighbourKind.organizationScoped || !row.organizationScoped);
      it.each(table.map((row) => [row.group, row] as const))("%s", async (_group, row) => {
        const owner = await createTenant();
        const a = api(owner);
        const marker = `iso${crypto.randomUUID().replaceAll("-", "").slice(0, 12)}`;
        const ids = await row.create(a, owner, marker);
        const before = await readAll(a, row.snapshot(ids));
        const neighbour = await neighbourKind.make(owner);
        const secrets = [marker, ...Object.values(ids).filter((id) => /^[0-9a-f]{24}$/.test(id))];

        for (const path of row.lists(ids)) {
          const res = await neighbour.server(path);
          const text = await res.text();
          expect([200, 404], `${path}: ${text}`).toContain(res.status);
          const told = withoutEcho(text, path);
          for (const secret of secrets) expect(told, `${path} shows A's ${secret}`).not.toContain(secret);
        }
        for (const probe of row.refused(ids)) {
          const res = await neighbour.server(probe.path, { method: probe.method, body: probe.body });
          const text = await res.text();
          expect(res.status, `${probe.method} ${probe.path}: ${text}`).toBe(404);
          expect(JSON.parse(text)).toMatchObject({ statusCode: 404, error: "Not Found" });
          const told = withoutEcho(text, probe.path, probe.body);
          for (const secret of secrets)
            expect(told, `${probe.path} tells A's ${secret}`).not.toContain(secret);
        }
        await row.trigger?.(neighbour, ids);

        expect(await readAll(a, row.snapshot(ids))).toEqual(before);
        await row.afterwards?.(a, ids);
      });
    });
  }

  it("an Inbox token is signed and expires: expired, re-signed and unsigned tokens are refused", async () => {
    const owner = await createTenant();
    const claims = { env: owner.environmentId, org: owner.organizationId };
    const sign = (secret: string, expiresAt: number) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: "HS256" })
        .setSubject("x")
        .setAudience("novu-inbox")
        .setIssuedAt()
        .setExpirationTime(expiresAt)
        .sign(new TextEncoder().encode(secret));
    const inAnHour = Math.floor(Date.now() / 1000) + 3600;
    const read = (token: string) =>
      call("/v1/inbox/notifications", { headers: { authorization: `Bearer ${token}` } });

    // The control: the same claims, signed with the platform's secret and not expired, are accepted.
    expect((await read(await sign(env.NOVU_SIGNING_SECRET, inAnHour))).status).toBe(200);
    expect((await read(await sign(env.NOVU_SIGNING_SECRET, inAnHour - 7200))).status).toBe(401);
    expect((await read(await sign("another-secret", inAnHour))).status).toBe(401);
    const unsigned = `${btoa(JSON.stringify({ alg: "none" }))}.${btoa(JSON.stringify({ ...claims, sub: "x", aud: "novu-inbox" }))}.`;
    expect((await read(unsigned.replaceAll("=", ""))).status).toBe(401);
  });

  it("an Inbox token for subscriber X reads and changes only X's notifications", async () => {
    const owner = await createTenant();
    const a = api(owner);
    await a("/v2/workflows", { method: "POST", body: inAppWorkflow("note") });
    for (const subscriberId of ["x", "y"])
      await a("/v1/events/trigger", {
        method: "POST",
        body: { name: "note", to: subscriberId, payload: { message: `for ${subscriberId}` } },
      });
    const x = await openInbox(owner, "x");
    const y = await openInbox(owner, "y");
    const yList = await (await y.call("/v1/inbox/notifications")).json<{ data: Array<{ id: string }> }>();
    const yNotification = yList.data[0]?.id ?? "";
    expect(yNotification).not.toBe("");

    expect(await inboxBodies(owner, "x")).toEqual(["for x"]);
    const count = await (
      await x.call(`/v1/inbox/notifications/count?filters=${encodeURIComponent("[{}]")}`)
    ).json<{
      data: Array<{ count: number }>;
    }>();
    expect(count.data[0]?.count).toBe(1);
    for (const action of ["read", "unread", "archive", "seen"]) {
      const res = await x.call(`/v1/inbox/notifications/${yNotification}/${action}`, {
        method: "PATCH",
        body: {},
      });
      expect([404, 422], `${action}: ${res.status}`).toContain(res.status);
    }
    expect(
      (await x.call(`/v1/inbox/notifications/${yNotification}/delete`, { method: "DELETE" })).status,
    ).toBe(404);
    // Bulk actions with Y's id act on nothing of Y's.
    await x.call("/v1/inbox/notifications/seen", {
      method: "POST",
      body: { notificationIds: [yNotification] },
    });
    await x.call("/v1/inbox/notifications/read", { method: "POST", body: {} });
    await x.call("/v1/inbox/notifications/archive", { method: "POST", body: {} });

    const after = await (await y.call("/v1/inbox/notifications")).json<{
      data: Array<{ id: string; isRead: boolean; isSeen: boolean; isArchived: boolean }>;
    }>();
    expect(after.data).toMatchObject([
      { id: yNotification, isRead: false, isSeen: false, isArchived: false },
    ]);

    // A token is bound to its environment: A's token for X opens nothing in a neighbour, and a forged one is refused.
    const neighbour = await stranger();
    await neighbour.server("/v2/workflows", { method: "POST", body: inAppWorkflow("note") });
    await neighbour.server("/v1/events/trigger", {
      method: "POST",
      body: { name: "note", to: "x", payload: { message: "neighbour's x" } },
    });
    expect(await inboxBodies(owner, "x")).toEqual(["for x"]);
    const forged = await call("/v1/inbox/notifications", {
      headers: { authorization: `Bearer ${x.token.slice(0, -4)}AAAA` },
    });
    expect(forged.status).toBe(401);
  });
});
