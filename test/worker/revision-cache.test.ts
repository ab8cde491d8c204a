import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { api, createTenant, inAppWorkflow, openInbox, type TestTenant } from "./fixtures";

/** Triggers `workflowId` for one subscriber and answers with the status Novu reports. */
async function trigger(server: ReturnType<typeof api>, workflowId: string, message = "hello") {
  const res = await server("/v1/events/trigger", {
    method: "POST",
    body: { name: workflowId, to: "ada", payload: { message } },
  });
  return { status: res.status, body: await res.json<{ data?: { status: string } }>() };
}

const revisions = async (tenant: TestTenant) =>
  await env.DB.prepare(
    "SELECT workflows_revision AS workflows, subscribers_revision AS subscribers FROM environments WHERE id = ?",
  )
    .bind(tenant.environmentId)
    .first<{ workflows: number; subscribers: number }>();

async function latest(tenant: TestTenant) {
  const inbox = await openInbox(tenant, "ada");
  const { data } = await (await inbox.call("/v1/inbox/notifications?limit=1")).json<{
    data: Array<{ subject: string; body: string }>;
  }>();
  return data[0];
}
const latestBody = async (tenant: TestTenant) => (await latest(tenant))?.body;
const latestSubject = async (tenant: TestTenant) => (await latest(tenant))?.subject;

describe("workflows cached per isolate", () => {
  it("serves every change made through the API to the next trigger", async () => {
    const tenant = await createTenant();
    const server = api(tenant);
    expect((await trigger(server, "orders")).status).toBe(422);

    await server("/v2/workflows", { method: "POST", body: inAppWorkflow("orders") });
    expect((await trigger(server, "orders", "first")).body.data?.status).toBe("processed");
    expect(await latestBody(tenant)).toBe("first");

    await server("/v2/workflows/orders", {
      method: "PUT",
      body: { ...inAppWorkflow("orders", { body: "changed: {{payload.message}}" }), origin: "novu-cloud" },
    });
    expect((await trigger(server, "orders", "second")).body.data?.status).toBe("processed");
    expect(await latestBody(tenant)).toBe("changed: second");

    await server("/v2/workflows/orders", { method: "PATCH", body: { active: false } });
    expect((await trigger(server, "orders")).body.data?.status).toBe("trigger_not_active");

    await server("/v2/workflows/orders", { method: "DELETE" });
    expect((await trigger(server, "orders")).status).toBe(422);
  });

  it("sees a write that bypassed this isolate, as another isolate's would", async () => {
    const tenant = await createTenant();
    const server = api(tenant);
    await server("/v2/workflows", { method: "POST", body: inAppWorkflow("orders") });
    expect((await trigger(server, "orders")).body.data?.status).toBe("processed");

    await env.DB.prepare("UPDATE workflows SET active = 0 WHERE environment_id = ? AND workflow_id = ?")
      .bind(tenant.environmentId, "orders")
      .run();
    expect((await trigger(server, "orders")).body.data?.status).toBe("trigger_not_active");

    await env.DB.prepare("DELETE FROM workflows WHERE environment_id = ?").bind(tenant.environmentId).run();
    expect((await trigger(server, "orders")).status).toBe(422);
  });

  it("moves the revision of the written environment only", async () => {
    const [mine, theirs] = await Promise.all([createTenant(), createTenant()]);
    const server = api(mine);
    expect(await revisions(mine)).toEqual({ workflows: 0, subscribers: 0 });

    await server("/v2/workflows", { method: "POST", body: inAppWorkflow("orders") });
    await server("/v2/workflows/orders", { method: "PATCH", body: { name: "Orders" } });
    await server("/v2/workflows/orders", { method: "DELETE" });
    await server("/v2/subscribers", { method: "POST", body: { subscriberId: "ada" } });
    await server("/v2/subscribers/ada", { method: "PATCH", body: { firstName: "Ada" } });
    expect(await revisions(mine)).toEqual({ workflows: 3, subscribers: 2 });
    expect(await revisions(theirs)).toEqual({ workflows: 0, subscribers: 0 });

    expect((await api(theirs)("/v2/workflows/orders", { method: "DELETE" })).status).toBe(404);
    expect((await api(theirs)("/v2/subscribers/ada", { method: "DELETE" })).status).toBe(404);
    expect(await revisions(mine)).toEqual({ workflows: 3, subscribers: 2 });
  });
});

describe("subscribers cached per isolate", () => {
  async function tenantWithWorkflow() {
    const tenant = await createTenant();
    const server = api(tenant);
    await server("/v2/workflows", { method: "POST", body: inAppWorkflow("orders") });
    await server("/v2/subscribers", { method: "POST", body: { subscriberId: "ada", firstName: "Ada" } });
    expect((await trigger(server, "orders")).body.data?.status).toBe("processed");
    expect(await latestSubject(tenant)).toBe("Hi Ada");
    return { tenant, server };
  }

  it("renders a profile changed through the API in the next trigger", async () => {
    const { tenant, server } = await tenantWithWorkflow();
    await server("/v2/subscribers/ada", { method: "PATCH", body: { firstName: "Augusta" } });
    await trigger(server, "orders");
    expect(await latestSubject(tenant)).toBe("Hi Augusta");

    await server("/v2/subscribers/ada", { method: "DELETE" });
    await trigger(server, "orders");
    expect(await latestSubject(tenant)).toBe("Hi ");
  });

  it("renders a profile changed behind this isolate's back, as another isolate would", async () => {
    const { tenant, server } = await tenantWithWorkflow();
    await env.DB.prepare("UPDATE subscribers SET first_name = 'Lovelace' WHERE environment_id = ?")
      .bind(tenant.environmentId)
      .run();
    await trigger(server, "orders");
    expect(await latestSubject(tenant)).toBe("Hi Lovelace");
  });
});
