// The official MCP SDK client against a real `wrangler dev`: every tool is called over Streamable HTTP and its
// effect is checked through the REST API, as another client of the same Worker would see it.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";

const apiUrl = inject("apiUrl");
const development = inject("development").secretKey;
const production = inject("production").secretKey;
const run = Date.now().toString(36);
const endpoint = new URL("/mcp", apiUrl);

type ToolResult = {
  isError?: boolean;
  content: { type: string; text?: string }[];
  structuredContent?: Record<string, unknown>;
};

async function connect(authorization?: string): Promise<Client> {
  const client = new Client({ name: "novu-edge-mcp-test", version: "1.0.0" });
  const headers: Record<string, string> = authorization ? { Authorization: authorization } : {};
  await client.connect(new StreamableHTTPClientTransport(endpoint, { requestInit: { headers } }));
  return client;
}

async function call(client: Client, name: string, args: Record<string, unknown> = {}): Promise<ToolResult> {
  return (await client.callTool({ name, arguments: args })) as ToolResult;
}

/** A successful tool call's structured content; fails the test with the tool's own message otherwise. */
async function data<T = Record<string, unknown>>(
  client: Client,
  name: string,
  args?: Record<string, unknown>,
) {
  const result = await call(client, name, args);
  expect(result.isError, result.content[0]?.text).toBeFalsy();
  expect(result.content[0]?.type).toBe("text");
  return result.structuredContent as T;
}

async function failure(client: Client, name: string, args?: Record<string, unknown>): Promise<string> {
  const result = await call(client, name, args);
  expect(result.isError).toBe(true);
  return result.content[0]?.text ?? "";
}

function rest(path: string, init: RequestInit = {}, secretKey = development) {
  return fetch(new URL(path, apiUrl), {
    ...init,
    headers: { Authorization: `ApiKey ${secretKey}`, "Content-Type": "application/json", ...init.headers },
  });
}

async function restData<T = Record<string, unknown>>(path: string): Promise<T> {
  const response = await rest(path);
  expect(response.status, path).toBe(200);
  return ((await response.json()) as { data: T }).data;
}

const inAppWorkflow = (workflowId: string) => ({
  workflowId,
  name: `MCP ${workflowId}`,
  steps: [
    { name: "Inbox", type: "in_app", controlValues: { subject: "Hi", body: "Hello {{payload.name}}" } },
  ],
});

let dev: Client;
let prod: Client;

beforeAll(async () => {
  dev = await connect(`Bearer ${development}`);
  prod = await connect(`Bearer ${production}`);
});

afterAll(async () => {
  await dev?.close();
  await prod?.close();
});

describe("MCP: protocol", () => {
  it("initializes and lists every tool with an object input schema", async () => {
    expect(dev.getServerVersion()?.name).toBe("novu-edge");
    const { tools } = await dev.listTools();
    const names = tools.map((t) => t.name).sort();
    expect(names).toEqual(
      [
        "get_api_key_status",
        "get_environments",
        "get_workflows",
        "get_workflow",
        "trigger_workflow",
        "create_workflow",
        "update_workflow",
        "delete_workflow",
        "find_subscribers",
        "get_notifications",
        "get_notification",
        "get_subscriber_preferences",
        "update_subscriber_preferences",
        "create_subscriber",
        "update_subscriber",
        "delete_subscriber",
        "create_topic",
        "list_topics",
        "add_subscribers_to_topic",
        "remove_subscribers_from_topic",
      ].sort(),
    );
    for (const tool of tools) {
      expect(tool.inputSchema.type, tool.name).toBe("object");
      expect(tool.description, tool.name).toBeTruthy();
    }
    const byName = new Map(tools.map((t) => [t.name, t]));
    expect(byName.get("get_workflow")?.inputSchema.required).toEqual(["workflowId"]);
    expect(byName.get("trigger_workflow")?.inputSchema.required).toEqual(
      expect.arrayContaining(["workflowId", "to"]),
    );
    expect(Object.keys(byName.get("create_workflow")?.inputSchema.properties ?? {})).toEqual(
      expect.arrayContaining(["workflowId", "name", "steps"]),
    );
    expect(byName.get("delete_workflow")?.annotations?.destructiveHint).toBe(true);
    expect(byName.get("get_workflows")?.annotations?.readOnlyHint).toBe(true);
  });

  it("accepts `ApiKey <secret key>` as well as `Bearer`", async () => {
    const client = await connect(`ApiKey ${development}`);
    const status = await data<{ valid: boolean }>(client, "get_api_key_status");
    expect(status.valid).toBe(true);
    await client.close();
  });
});

describe("MCP: authentication", () => {
  const initialize = {
    jsonrpc: "2.0",
    id: 1,
    method: "initialize",
    params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "raw", version: "1" } },
  };
  const post = (body: unknown, headers: Record<string, string>) =>
    fetch(endpoint, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        Accept: "application/json, text/event-stream",
        ...headers,
      },
      body: JSON.stringify(body),
    });

  it("refuses a missing or wrong key with Novu's 401 body", async () => {
    const attempts: Record<string, string>[] = [
      {},
      { Authorization: "Bearer not-a-key" },
      { Authorization: "Basic abc" },
    ];
    for (const headers of attempts) {
      const response = await post(initialize, headers);
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ statusCode: 401, error: "Unauthorized", path: "/mcp" });
    }
    await expect(connect()).rejects.toThrow(/401/);
    await expect(connect("Bearer wrong-secret")).rejects.toThrow(/401/);
  });

  it("runs no tool for a wrong key", async () => {
    const workflowId = `mcp-auth-${run}`;
    await data(dev, "create_workflow", inAppWorkflow(workflowId));
    const response = await post(
      {
        jsonrpc: "2.0",
        id: 2,
        method: "tools/call",
        params: { name: "delete_workflow", arguments: { workflowId } },
      },
      { Authorization: "Bearer wrong-secret" },
    );
    expect(response.status).toBe(401);
    expect((await rest(`/v2/workflows/${workflowId}`)).status).toBe(200);
  });

  it("answers GET with 405: the endpoint is stateless and opens no stream", async () => {
    const response = await fetch(endpoint, {
      headers: { Authorization: `Bearer ${development}`, Accept: "text/event-stream" },
    });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST");
  });
});

describe("MCP: environments", () => {
  it("reports the key's environment and lists the organization's environments", async () => {
    const me = await restData<{ _id: string; name: string }>("/v1/environments/me");
    const status = await data<{ valid: boolean; environment: { _id: string; name: string } }>(
      dev,
      "get_api_key_status",
    );
    expect(status).toMatchObject({ valid: true, environment: { _id: me._id, name: me.name } });

    const { environments } = await data<{ environments: { _id: string; name: string }[] }>(
      dev,
      "get_environments",
    );
    const listed = await restData<{ _id: string }[]>("/v1/environments");
    expect(environments.map((e) => e._id).sort()).toEqual(listed.map((e) => e._id).sort());
    expect(environments.map((e) => e.name)).toEqual(expect.arrayContaining(["Development", "Production"]));
  });
});

describe("MCP: workflows", () => {
  it("creates, lists, reads, partially updates and deletes a workflow", async () => {
    const workflowId = `mcp-wf-${run}`;
    const created = await data<{ workflow: { _id: string; steps: { _id: string }[] } }>(
      dev,
      "create_workflow",
      inAppWorkflow(workflowId),
    );
    const stored = await restData<{ _id: string; name: string; active: boolean }>(
      `/v2/workflows/${workflowId}`,
    );
    expect(stored).toMatchObject({ _id: created.workflow._id, name: `MCP ${workflowId}`, active: true });

    const listed = await data<{ workflows: { workflowId: string }[]; totalCount: number }>(
      dev,
      "get_workflows",
      {
        query: workflowId,
      },
    );
    expect(listed.workflows.map((w) => w.workflowId)).toEqual([workflowId]);
    expect(listed.totalCount).toBe(1);

    const read = await data<{ workflow: { workflowId: string; steps: { type: string }[] } }>(
      dev,
      "get_workflow",
      { workflowId },
    );
    expect(read.workflow.steps.map((s) => s.type)).toEqual(["in_app"]);

    await data(dev, "update_workflow", { workflowId, name: "Renamed by MCP", tags: ["mcp"] });
    const updated = await restData<{
      name: string;
      tags: string[];
      steps: { _id: string; controlValues: Record<string, unknown> }[];
    }>(`/v2/workflows/${workflowId}`);
    expect(updated).toMatchObject({ name: "Renamed by MCP", tags: ["mcp"] });
    // Left out, the steps stay exactly as they were.
    expect(updated.steps.map((s) => s._id)).toEqual(created.workflow.steps.map((s) => s._id));
    expect(updated.steps[0]?.controlValues).toMatchObject({ body: "Hello {{payload.name}}" });

    await data(dev, "delete_workflow", { workflowId });
    expect((await rest(`/v2/workflows/${workflowId}`)).status).toBe(404);
  });

  it("turns bad arguments and unknown workflows into tool errors", async () => {
    expect(await failure(dev, "get_workflow", {})).toMatch(/workflowId/);
    expect(
      await failure(dev, "create_workflow", {
        workflowId: `mcp-bad-${run}`,
        name: "Bad",
        steps: [{ name: "Fax", type: "fax" }],
      }),
    ).toMatch(/Invalid arguments|type/);
    expect((await rest(`/v2/workflows/mcp-bad-${run}`)).status).toBe(404);

    const missing = `mcp-missing-${run}`;
    expect(await failure(dev, "get_workflow", { workflowId: missing })).toContain(
      `Workflow '${missing}' was not found`,
    );
    expect(await failure(dev, "update_workflow", { workflowId: missing, name: "x" })).toContain("not found");
    expect(await failure(dev, "delete_workflow", { workflowId: missing })).toContain("not found");
    expect(await failure(dev, "trigger_workflow", { workflowId: missing, to: `sub-${run}` })).toContain(
      `Workflow '${missing}' was not found`,
    );

    const workflowId = `mcp-dup-${run}`;
    await data(dev, "create_workflow", inAppWorkflow(workflowId));
    expect(await failure(dev, "create_workflow", inAppWorkflow(workflowId))).toContain("already exists");
  });

  it("keeps environments apart: the production key cannot see a development workflow", async () => {
    const workflowId = `mcp-dev-only-${run}`;
    await data(dev, "create_workflow", inAppWorkflow(workflowId));

    expect(await failure(prod, "get_workflow", { workflowId })).toContain("not found");
    const listed = await data<{ workflows: unknown[] }>(prod, "get_workflows", { query: workflowId });
    expect(listed.workflows).toEqual([]);
    expect(await failure(prod, "trigger_workflow", { workflowId, to: `sub-${run}` })).toContain("not found");
    expect(await failure(prod, "delete_workflow", { workflowId })).toContain("not found");
    expect((await rest(`/v2/workflows/${workflowId}`)).status).toBe(200);
    expect((await rest(`/v2/workflows/${workflowId}`, {}, production)).status).toBe(404);
  });
});

describe("MCP: trigger and notifications", () => {
  it("triggers a workflow into the subscriber's inbox and finds the notification in the activity", async () => {
    const workflowId = `mcp-trigger-${run}`;
    const subscriberId = `mcp-ada-${run}`;
    await data(dev, "create_workflow", inAppWorkflow(workflowId));

    const triggered = await data<{ acknowledged: boolean; status: string; transactionId: string }>(
      dev,
      "trigger_workflow",
      { workflowId, to: { subscriberId, firstName: "Ada" }, payload: { name: "Ada" } },
    );
    expect(triggered).toMatchObject({ acknowledged: true, status: "processed" });

    const inbox = (await (await rest(`/v2/subscribers/${subscriberId}/notifications`)).json()) as {
      data: { body: string; transactionId: string }[];
    };
    expect(inbox.data).toEqual([
      expect.objectContaining({ body: "Hello Ada", transactionId: triggered.transactionId }),
    ]);

    // The activity record is written after the trigger answers.
    const listed = await vi.waitFor(
      async () => {
        const page = await data<{ data: { _id: string; transactionId: string }[] }>(
          dev,
          "get_notifications",
          {
            transactionId: triggered.transactionId,
            workflowIds: [workflowId],
            channels: ["in_app"],
          },
        );
        expect(page.data).toHaveLength(1);
        return page;
      },
      { timeout: 15_000, interval: 200 },
    );
    const notificationId = listed.data[0]?._id ?? "";

    const { notification } = await data<{ notification: { _id: string; jobs: { type: string }[] } }>(
      dev,
      "get_notification",
      { notificationId },
    );
    const viaRest = await restData<{ _id: string; jobs: { type: string }[] }>(
      `/v1/notifications/${notificationId}`,
    );
    expect(notification).toEqual(viaRest);
    expect(notification.jobs.map((j) => j.type)).toEqual(["in_app"]);

    expect(await failure(dev, "get_notification", { notificationId: "0123456789abcdef01234567" })).toContain(
      "not found",
    );
    expect(await failure(prod, "get_notification", { notificationId })).toContain("not found");
  });

  it("says so when an inactive workflow sends nothing", async () => {
    const workflowId = `mcp-inactive-${run}`;
    await data(dev, "create_workflow", { ...inAppWorkflow(workflowId), active: false });
    const result = await call(dev, "trigger_workflow", { workflowId, to: `mcp-nobody-${run}` });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ status: "trigger_not_active" });
    expect(result.content[0]?.text).toContain("inactive");
  });

  it("rejects malformed trigger arguments", async () => {
    expect(await failure(dev, "trigger_workflow", { workflowId: "x" })).toMatch(/to/);
    expect(await failure(dev, "trigger_workflow", { workflowId: "x", to: [] })).toMatch(/Invalid arguments/);
    expect(await failure(dev, "get_notifications", { after: "yesterday" })).toMatch(/Invalid arguments/);
  });
});

describe("MCP: subscribers", () => {
  it("creates, finds, updates and deletes a subscriber", async () => {
    const subscriberId = `mcp-sub-${run}`;
    const email = `mcp-${run}@example.com`;
    await data(dev, "create_subscriber", { subscriberId, firstName: "Grace", email });
    expect(await restData(`/v2/subscribers/${subscriberId}`)).toMatchObject({ firstName: "Grace", email });

    const found = await data<{ data: { subscriberId: string }[]; totalCount: number }>(
      dev,
      "find_subscribers",
      {
        email,
      },
    );
    expect(found.data.map((s) => s.subscriberId)).toEqual([subscriberId]);
    const byName = await data<{ data: { subscriberId: string }[] }>(dev, "find_subscribers", {
      name: "Grace",
      subscriberId,
    });
    expect(byName.data).toHaveLength(1);

    expect(await failure(dev, "create_subscriber", { subscriberId, failIfExists: true })).toContain(
      "already exists",
    );

    await data(dev, "update_subscriber", { subscriberId, lastName: "Hopper", email: null });
    expect(await restData(`/v2/subscribers/${subscriberId}`)).toMatchObject({
      firstName: "Grace",
      lastName: "Hopper",
      email: null,
    });

    const elsewhere = await data<{ data: unknown[] }>(prod, "find_subscribers", { subscriberId });
    expect(elsewhere.data).toEqual([]);
    expect(await failure(prod, "update_subscriber", { subscriberId, firstName: "X" })).toContain("not found");

    await data(dev, "delete_subscriber", { subscriberId });
    expect((await rest(`/v2/subscribers/${subscriberId}`)).status).toBe(404);
    expect(await failure(dev, "delete_subscriber", { subscriberId })).toContain("not found");
    expect(await failure(dev, "create_subscriber", { subscriberId: "" })).toMatch(/Invalid arguments/);
  });
});

describe("MCP: preferences", () => {
  it("reads and updates global and per-workflow preferences", async () => {
    const workflowId = `mcp-pref-${run}`;
    const subscriberId = `mcp-pref-sub-${run}`;
    await data(dev, "create_workflow", {
      ...inAppWorkflow(workflowId),
      steps: [
        { name: "Inbox", type: "in_app", controlValues: { body: "x" } },
        { name: "Mail", type: "email", controlValues: { subject: "s", body: "b" } },
      ],
    });
    await data(dev, "create_subscriber", { subscriberId });

    type Preferences = {
      global: { channels: Record<string, boolean> };
      workflows: { channels: Record<string, boolean>; workflow: { identifier: string } }[];
    };
    const before = await data<Preferences>(dev, "get_subscriber_preferences", { subscriberId });
    expect(before.global.channels.sms).toBe(true);
    expect(before.workflows.find((w) => w.workflow.identifier === workflowId)?.channels).toEqual({
      in_app: true,
      email: true,
    });

    await data(dev, "update_subscriber_preferences", { subscriberId, channels: { sms: false } });
    await data(dev, "update_subscriber_preferences", {
      subscriberId,
      workflowId,
      channels: { email: false },
    });

    const viaRest = await restData<Preferences>(`/v2/subscribers/${subscriberId}/preferences`);
    expect(viaRest.global.channels.sms).toBe(false);
    expect(viaRest.workflows.find((w) => w.workflow.identifier === workflowId)?.channels).toEqual({
      in_app: true,
      email: false,
    });
    expect(await data(dev, "get_subscriber_preferences", { subscriberId })).toEqual(viaRest);

    expect(await failure(dev, "get_subscriber_preferences", { subscriberId: `mcp-nobody-${run}` })).toContain(
      "not found",
    );
    expect(
      await failure(dev, "update_subscriber_preferences", {
        subscriberId,
        workflowId: `mcp-missing-${run}`,
        channels: { email: false },
      }),
    ).toContain("not found");
    expect(
      await failure(dev, "update_subscriber_preferences", { subscriberId, channels: { email: "off" } }),
    ).toMatch(/Invalid arguments/);
  });
});

describe("MCP: topics", () => {
  it("creates a topic, lists it, adds and removes subscribers", async () => {
    const key = `mcp-topic-${run}`;
    const members = [`mcp-t1-${run}`, `mcp-t2-${run}`];
    for (const subscriberId of members) await data(dev, "create_subscriber", { subscriberId });

    const created = await data<{ created: boolean }>(dev, "create_topic", { key, name: "MCP topic" });
    expect(created.created).toBe(true);
    expect(await restData(`/v2/topics/${key}`)).toMatchObject({ key, name: "MCP topic" });

    const listed = await data<{ data: { key: string }[] }>(dev, "list_topics", { key });
    expect(listed.data.map((t) => t.key)).toEqual([key]);
    expect((await data<{ data: unknown[] }>(prod, "list_topics", { key })).data).toEqual([]);

    const added = await data<{ meta: { successful: number; failed: number } }>(
      dev,
      "add_subscribers_to_topic",
      {
        topicKey: key,
        subscriberIds: [...members, `mcp-ghost-${run}`],
      },
    );
    expect(added.meta).toMatchObject({ successful: 2, failed: 1 });
    const subscriptions = (await (await rest(`/v2/topics/${key}/subscriptions`)).json()) as {
      data: { subscriber: { subscriberId: string } }[];
    };
    expect(subscriptions.data.map((s) => s.subscriber.subscriberId).sort()).toEqual([...members].sort());

    expect(
      await failure(dev, "add_subscribers_to_topic", { topicKey: key, subscriberIds: [`mcp-ghost-${run}`] }),
    ).toContain("was not found");

    await data(dev, "remove_subscribers_from_topic", { topicKey: key, subscriberIds: [members[0]] });
    const after = (await (await rest(`/v2/topics/${key}/subscriptions`)).json()) as {
      data: { subscriber: { subscriberId: string } }[];
    };
    expect(after.data.map((s) => s.subscriber.subscriberId)).toEqual([members[1]]);

    expect(
      await failure(dev, "remove_subscribers_from_topic", {
        topicKey: `mcp-none-${run}`,
        subscriberIds: ["a"],
      }),
    ).toContain("not found");
    expect(await failure(dev, "create_topic", { key: "has spaces" })).toMatch(/Invalid arguments/);
  });
});
