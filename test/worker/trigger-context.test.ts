import { describe, expect, it, vi } from "vitest";
import { api, call, createTenant, inAppWorkflow, type TestTenant } from "./fixtures";

type StoredContext = { type: string; id: string; data: Record<string, unknown> };
type ContextPage = { data: StoredContext[]; totalCount: number };
type InboxItem = { body: string; subject?: string; transactionId: string };

/** An in_app workflow whose body shows what templates see of the trigger's contexts. */
const contextWorkflow = (workflowId: string) =>
  inAppWorkflow(workflowId, {
    subject: "{{context.tenant.id}}",
    body: "{{context.tenant.data.name}}|{{context.project.id}}|{{context.project.data.name}}",
  });

async function setUp(workflowId = "ctx") {
  const tenant = await createTenant();
  const server = api(tenant);
  expect((await server("/v2/workflows", { method: "POST", body: contextWorkflow(workflowId) })).status).toBe(
    201,
  );
  const trigger = (body: Record<string, unknown>) =>
    server("/v1/events/trigger", { method: "POST", body: { name: workflowId, to: "sub", ...body } });
  return { tenant, server, trigger };
}

/** The subscriber's Inbox as a session in `context` sees it (Novu's Inbox filters by exact context). */
async function inboxIn(tenant: TestTenant, subscriberId: string, context?: Record<string, unknown>) {
  const res = await call("/v1/inbox/session", {
    method: "POST",
    body: { applicationIdentifier: tenant.applicationIdentifier, subscriber: { subscriberId }, context },
  });
  expect(res.status).toBe(201);
  const { data } = await res.json<{ data: { token: string } }>();
  const list = await call("/v1/inbox/notifications?limit=50", {
    headers: { authorization: `Bearer ${data.token}` },
  });
  return (await list.json<{ data: InboxItem[] }>()).data;
}

describe("trigger context", () => {
  it("refuses malformed contexts with Novu's 422, storing neither a context nor a notification", async () => {
    const { tenant, server, trigger } = await setUp();
    const oversized = { id: "big", data: { blob: "x".repeat(64 * 1024) } };
    const bad: Array<[unknown, string]> = [
      ["acme", "context"],
      [["tenant", "acme"], "context"],
      [{ tenant: "" }, "context.tenant"],
      [{ tenant: "has space" }, "context.tenant"],
      [{ tenant: 42 }, "context.tenant"],
      [{ tenant: { data: { name: "no id" } } }, "context.tenant"],
      [{ tenant: { id: "acme", data: "not an object" } }, "context.tenant"],
      [{ "bad type!": "acme" }, "context.bad type!"],
      [{ tenant: oversized }, "context.tenant"],
      [{ a: "1", b: "2", c: "3", d: "4", e: "5", f: "6" }, "context"],
    ];
    for (const [context, field] of bad) {
      const res = await trigger({ context, transactionId: `bad-${field}` });
      expect(res.status, JSON.stringify(context).slice(0, 80)).toBe(422);
      const body = await res.json<{ statusCode: number; message: string; errors: Record<string, unknown> }>();
      expect(body).toMatchObject({ statusCode: 422, message: "Validation Error" });
      expect(Object.keys(body.errors).some((key) => key.startsWith(field))).toBe(true);
    }
    expect(await (await server("/v2/contexts")).json<ContextPage>()).toMatchObject({
      data: [],
      totalCount: 0,
    });
    expect(await inboxIn(tenant, "sub")).toEqual([]);
  });

  it("creates missing contexts on trigger, visible through GET /v2/contexts, and renders them in templates", async () => {
    const { tenant, server, trigger } = await setUp();
    const res = await trigger({
      transactionId: "t1",
      context: { tenant: "acme", project: { id: "p1", data: { name: "Apollo", stage: 2 } } },
    });
    expect(res.status).toBe(201);

    const page = await (await server("/v2/contexts")).json<ContextPage>();
    expect(page.totalCount).toBe(2);
    expect(await (await server("/v2/contexts/tenant/acme")).json()).toMatchObject({
      type: "tenant",
      id: "acme",
      data: {},
    });
    expect(await (await server("/v2/contexts/project/p1")).json()).toMatchObject({
      type: "project",
      id: "p1",
      data: { name: "Apollo", stage: 2 },
    });
    expect(await inboxIn(tenant, "sub", { tenant: "acme", project: "p1" })).toEqual([
      expect.objectContaining({ transactionId: "t1", subject: "acme", body: "|p1|Apollo" }),
    ]);
  });

  it("replaces data given as { id, data }, keeps it for a bare id, and templates read what is stored", async () => {
    const { tenant, server, trigger } = await setUp();
    await server("/v2/contexts", {
      method: "POST",
      body: { type: "tenant", id: "acme", data: { name: "Acme Corp", plan: "pro" } },
    });
    await server("/v2/contexts", {
      method: "POST",
      body: { type: "project", id: "p1", data: { name: "Apollo", owner: "ada" } },
    });
    const context = { tenant: "acme", project: { id: "p1" } };

    await trigger({ transactionId: "bare", context });
    expect(await (await server("/v2/contexts/tenant/acme")).json()).toMatchObject({
      data: { name: "Acme Corp", plan: "pro" },
    });
    expect(await (await server("/v2/contexts/project/p1")).json()).toMatchObject({
      data: { name: "Apollo", owner: "ada" },
    });

    await trigger({
      transactionId: "rich",
      context: { ...context, project: { id: "p1", data: { name: "Zeus" } } },
    });
    // Replaced, not merged: `owner` is gone.
    const project = await (await server("/v2/contexts/project/p1")).json<StoredContext>();
    expect(project.data).toEqual({ name: "Zeus" });

    const bodies = Object.fromEntries(
      (await inboxIn(tenant, "sub", context)).map((item) => [item.transactionId, item.body]),
    );
    expect(bodies).toEqual({ bare: "Acme Corp|p1|Apollo", rich: "Acme Corp|p1|Zeus" });
  });

  it("keeps each environment's contexts apart", async () => {
    const a = await setUp("iso");
    const b = await setUp("iso");
    await a.trigger({ transactionId: "a1", context: { tenant: { id: "acme", data: { name: "A's Acme" } } } });
    expect((await b.server("/v2/contexts/tenant/acme")).status).toBe(404);

    await b.trigger({ transactionId: "b1", context: { tenant: "acme" } });
    expect(await (await b.server("/v2/contexts/tenant/acme")).json()).toMatchObject({ data: {} });
    expect(await (await a.server("/v2/contexts/tenant/acme")).json()).toMatchObject({
      data: { name: "A's Acme" },
    });
    expect((await inboxIn(b.tenant, "sub", { tenant: "acme" })).map((item) => item.body)).toEqual(["||"]);
    expect((await inboxIn(a.tenant, "sub", { tenant: "acme" })).map((item) => item.body)).toEqual([
      "A's Acme||",
    ]);
  });

  it("applies to broadcasts, and the activity record shows the trigger's context keys", async () => {
    const { server, trigger } = await setUp();
    await trigger({ transactionId: "seed" });
    const broadcast = await server("/v1/events/trigger/broadcast", {
      method: "POST",
      body: {
        name: "ctx",
        payload: {},
        transactionId: "bc",
        context: { region: { id: "eu", data: { n: 1 } } },
      },
    });
    expect(broadcast.status).toBe(201);
    expect(await (await server("/v2/contexts/region/eu")).json()).toMatchObject({ data: { n: 1 } });

    await trigger({ transactionId: "with-ctx", context: { tenant: "acme", project: "p1" } });
    const event = await vi.waitFor(
      async () => {
        const page = await (await server("/v1/notifications?transactionId=with-ctx")).json<{
          data: Array<{ _id: string }>;
        }>();
        expect(page.data).toHaveLength(1);
        return page.data[0];
      },
      { timeout: 5_000, interval: 50 },
    );
    const one = await (await server(`/v1/notifications/${event?._id}`)).json<{
      data: { contextKeys: string[] };
    }>();
    expect(one.data.contextKeys).toEqual(["tenant:acme", "project:p1"]);
  });
});
