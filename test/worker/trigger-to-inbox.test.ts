import { describe, expect, it } from "vitest";
import { api, call, createTenant, inAppWorkflow, openInbox } from "./fixtures";

describe("trigger → in-app notification", () => {
  it("renders the in_app step with Liquid and stores it in the subscriber's inbox", async () => {
    const tenant = await createTenant();
    const server = api(tenant);
    expect((await server("/v2/workflows", { method: "POST", body: inAppWorkflow("welcome") })).status).toBe(
      201,
    );

    const res = await server("/v1/events/trigger", {
      method: "POST",
      body: {
        name: "welcome",
        to: { subscriberId: "ada", firstName: "Ada" },
        payload: { message: "Hello world" },
      },
    });
    expect(res.status).toBe(201);
    const { data } = await res.json<{
      data: { acknowledged: boolean; status: string; transactionId: string };
    }>();
    expect(data).toMatchObject({ acknowledged: true, status: "processed" });
    expect(data.transactionId).toEqual(expect.any(String));

    const inbox = await openInbox(tenant, "ada");
    expect(inbox.totalUnreadCount).toBe(1);
    const list = await (await inbox.call("/v1/inbox/notifications?limit=10")).json<{
      data: Array<Record<string, unknown>>;
      hasMore: boolean;
    }>();
    expect(list.hasMore).toBe(false);
    expect(list.data).toHaveLength(1);
    expect(list.data[0]).toMatchObject({
      subject: "Hi Ada",
      body: "Hello world",
      isRead: false,
      isSeen: false,
      isArchived: false,
      transactionId: data.transactionId,
      channelType: "in_app",
      to: { subscriberId: "ada", firstName: "Ada" },
      workflow: { identifier: "welcome", name: "Workflow welcome", critical: false },
    });
  });

  it("ignores a second trigger with the same transactionId", async () => {
    const tenant = await createTenant();
    const server = api(tenant);
    await server("/v2/workflows", { method: "POST", body: inAppWorkflow("dedupe") });
    const body = { name: "dedupe", to: "sub-1", payload: { message: "once" }, transactionId: "tx-1" };
    await server("/v1/events/trigger", { method: "POST", body });
    await server("/v1/events/trigger", { method: "POST", body });
    const inbox = await openInbox(tenant, "sub-1");
    expect(inbox.totalUnreadCount).toBe(1);
  });

  it("rejects an unknown workflow with 422 and creates no subscriber", async () => {
    const tenant = await createTenant();
    const server = api(tenant);
    const res = await server("/v1/events/trigger", {
      method: "POST",
      body: { name: "missing", to: "ghost" },
    });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({
      statusCode: 422,
      message: "workflow_not_found",
      path: "/v1/events/trigger",
    });
    expect((await server("/v2/subscribers/ghost")).status).toBe(404);
  });

  it.each([
    ["malformed JSON", { rawBody: "{not json" }, 400],
    ["a missing recipient", { body: { name: "w" } }, 422],
    ["an empty subscriberId", { body: { name: "w", to: { subscriberId: "" } } }, 422],
    ["a payload of the wrong type", { body: { name: "w", to: "a", payload: "text" } }, 422],
    [
      "more than 100 recipients",
      { body: { name: "w", to: Array.from({ length: 101 }, (_, i) => `s${i}`) } },
      422,
    ],
  ])("answers %s with %i in Novu's error shape", async (_, options, status) => {
    const tenant = await createTenant();
    const res = await api(tenant)("/v1/events/trigger", { method: "POST", ...options });
    expect(res.status).toBe(status);
    const body = await res.json<Record<string, unknown>>();
    expect(body).toMatchObject({
      statusCode: status,
      path: "/v1/events/trigger",
      timestamp: expect.any(String),
    });
    if (status === 422) expect(body.errors).toEqual(expect.any(Object));
  });

  it("refuses a missing or wrong API key", async () => {
    const missing = await call("/v1/events/trigger", { method: "POST", body: { name: "w", to: "a" } });
    expect(missing.status).toBe(401);
    const wrong = await call("/v1/events/trigger", {
      method: "POST",
      body: { name: "w", to: "a" },
      headers: { authorization: "ApiKey not-a-key" },
    });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ statusCode: 401, message: "API Key not found" });
  });
});

describe("a step whose template cannot render", () => {
  it("fails that step without failing the trigger or the other steps", async () => {
    const tenant = await createTenant();
    const server = api(tenant);
    await server("/v2/workflows", {
      method: "POST",
      body: {
        name: "Mixed",
        workflowId: "mixed",
        steps: [
          {
            name: "Broken",
            type: "in_app",
            controlValues: { body: "{% for i in (1..100000000) %}{{ i }}{% endfor %}" },
          },
          { name: "Fine", type: "in_app", controlValues: { body: "still here" } },
        ],
      },
    });
    const res = await server("/v1/events/trigger", { method: "POST", body: { name: "mixed", to: "s" } });
    expect(res.status).toBe(201);
    const list = await (await (await openInbox(tenant, "s")).call("/v1/inbox/notifications")).json<{
      data: Array<{ body: string }>;
    }>();
    expect(list.data.map((n) => n.body)).toEqual(["still here"]);
  });
});
