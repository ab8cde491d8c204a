import { runDurableObjectAlarm } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import {
  api,
  createTenant,
  frameworkBridge,
  openInbox,
  sendgridIntegration,
  type TestTenant,
} from "./fixtures";

type Job = { type: string; status: string; executionDetails: Array<{ status: string; detail: string }> };
type Activity = { jobs: Job[] };
type WorkflowDto = {
  workflowId: string;
  name: string;
  origin: string;
  tags: string[];
  payloadSchema: Record<string, unknown> | null;
  preferences: { default: { channels: Record<string, { enabled: boolean }> } };
  steps: Array<{
    stepId: string;
    type: string;
    controls: { values: Record<string, unknown>; dataSchema?: Record<string, unknown> };
  }>;
};

async function syncedTenant() {
  const tenant = await createTenant();
  const server = api(tenant);
  const bridge = frameworkBridge(tenant);
  const res = await server("/v1/bridge/sync?source=cli", { method: "POST", body: { bridgeUrl: bridge.url } });
  expect(res.status).toBe(201);
  return { tenant, server, bridge };
}

async function inbox(tenant: TestTenant, subscriberId: string) {
  const session = await openInbox(tenant, subscriberId);
  const list = await (await session.call("/v1/inbox/notifications?limit=50")).json<{
    data: Array<{ subject?: string; body: string }>;
  }>();
  return list.data;
}

async function jobsOf(server: ReturnType<typeof api>, transactionId: string): Promise<Job[]> {
  return vi.waitFor(
    async () => {
      const page = await (await server(`/v1/notifications?transactionId=${transactionId}`)).json<{
        data: Activity[];
      }>();
      expect(page.data).toHaveLength(1);
      return page.data[0]?.jobs ?? [];
    },
    { timeout: 5_000, interval: 50 },
  );
}

describe("POST /v1/bridge/sync (what `novu sync` calls)", { timeout: 20_000 }, () => {
  it("discovers the bridge's workflows with a signed request and stores them as code-first workflows", async () => {
    const { tenant, server, bridge } = await syncedTenant();

    const [discover] = await bridge.requests();
    expect(discover).toMatchObject({ action: "discover" });
    expect(discover?.signature).toMatch(/^t=\d{13},v1=[0-9a-f]{64}$/);

    const list = await (await server("/v2/workflows?limit=10")).json<{
      data: { workflows: Array<{ workflowId: string; origin: string }> };
    }>();
    expect(list.data.workflows.map((w) => [w.workflowId, w.origin]).sort()).toEqual([
      ["bridge-delay", "external"],
      ["bridge-digest", "external"],
      ["bridge-failing", "external"],
      ["bridge-order", "external"],
      ["bridge-welcome", "external"],
    ]);
    const welcome = (await (await server("/v2/workflows/bridge-welcome")).json<{ data: WorkflowDto }>()).data;
    expect(welcome).toMatchObject({ name: "Welcome (code)", tags: ["code-first"], origin: "external" });
    expect(welcome.payloadSchema).toMatchObject({
      properties: { item: { type: "string", default: "starter" } },
    });
    expect(welcome.preferences.default.channels.email).toEqual({ enabled: false });
    expect(welcome.steps.map((s) => [s.stepId, s.type])).toEqual([
      ["lookup", "custom"],
      ["inbox", "in_app"],
    ]);
    expect(welcome.steps[1]?.controls.dataSchema).toMatchObject({
      properties: { subject: { default: "Welcome aboard" } },
    });

    const environments = await (await server("/v1/environments")).json<{
      data: Array<{ _id: string; bridge?: { url: string } }>;
    }>();
    expect(environments.data.find((e) => e._id === tenant.environmentId)?.bridge?.url).toBe(bridge.url);
  });

  it("removes code-first workflows the bridge no longer serves, and keeps edited controls of the rest", async () => {
    const { tenant, server } = await syncedTenant();
    const patched = await server("/v2/workflows/bridge-welcome/steps/inbox", {
      method: "PATCH",
      body: { controlValues: { subject: "Edited" } },
    });
    expect(patched.status).toBe(200);

    const again = await server("/v1/bridge/sync", {
      method: "POST",
      body: { bridgeUrl: frameworkBridge(tenant, "small").url },
    });
    expect(again.status).toBe(201);
    const list = await (await server("/v2/workflows")).json<{
      data: { workflows: Array<{ workflowId: string }> };
    }>();
    expect(list.data.workflows.map((w) => w.workflowId)).toEqual(["bridge-welcome"]);
    const welcome = (await (await server("/v2/workflows/bridge-welcome")).json<{ data: WorkflowDto }>()).data;
    expect(welcome.steps[1]?.controls.values).toEqual({ subject: "Edited" });
  });

  it("refuses a bridge it cannot reach or that rejects this environment's signature, changing nothing", async () => {
    const tenant = await createTenant();
    const server = api(tenant);
    const other = await createTenant();

    const wrongKey = await server("/v1/bridge/sync", {
      method: "POST",
      body: { bridgeUrl: frameworkBridge(other).url },
    });
    expect(wrongKey.status).toBe(400);
    expect((await wrongKey.json<{ message: string }>()).message).toContain("SignatureMismatchError");

    const unreachable = await server("/v1/bridge/sync", {
      method: "POST",
      body: { bridgeUrl: "http://127.0.0.1:9/api/novu" },
    });
    expect(unreachable.status).toBe(400);

    const list = await (await server("/v2/workflows")).json<{ data: { totalCount: number } }>();
    expect(list.data.totalCount).toBe(0);
    expect((await server("/v1/bridge/status")).status).toBe(404);
  });

  it("validates the body and the key", async () => {
    const tenant = await createTenant();
    const server = api(tenant);
    const bad = await server("/v1/bridge/sync", { method: "POST", body: { bridgeUrl: "not a url" } });
    expect(bad.status).toBe(422);
    const ftp = await server("/v1/bridge/sync", {
      method: "POST",
      body: { bridgeUrl: "ftp://example.com/x" },
    });
    expect(ftp.status).toBe(422);
    const malformed = await server("/v1/bridge/sync", { method: "POST", rawBody: "{" });
    expect(malformed.status).toBe(400);
    const anonymous = await api({ ...tenant, secretKey: "wrong" })("/v1/bridge/sync", {
      method: "POST",
      body: { bridgeUrl: frameworkBridge(tenant).url },
    });
    expect(anonymous.status).toBe(401);
  });

  it("reports the bridge's health", async () => {
    const { server } = await syncedTenant();
    const res = await server("/v1/bridge/status");
    expect(res.status).toBe(200);
    expect((await res.json<{ data: unknown }>()).data).toMatchObject({
      status: "ok",
      discovered: { workflows: 5, steps: 9 },
    });
  });
});

/** Lets `ms` pass, then runs the subscriber's alarm if it has not fired by itself. */
async function elapse(ms: number, tenant: TestTenant, subscriberId: string) {
  await new Promise((resolve) => setTimeout(resolve, ms));
  await runDurableObjectAlarm(env.SUBSCRIBER.getByName(`${tenant.environmentId}:${subscriberId}`));
}

describe("running code-first workflows on the bridge", { timeout: 20_000 }, () => {
  const trigger = (server: ReturnType<typeof api>, name: string, body: Record<string, unknown> = {}) =>
    server("/v1/events/trigger", { method: "POST", body: { name, to: "ada", ...body } });

  it("executes each step on the bridge with payload, subscriber and earlier steps' results, content as rendered", async () => {
    const { tenant, server, bridge } = await syncedTenant();
    const res = await trigger(server, "bridge-welcome", {
      to: { subscriberId: "ada", firstName: "Ada" },
      payload: { item: "rocket" },
    });
    expect(res.status).toBe(201);

    expect(await inbox(tenant, "ada")).toMatchObject([
      { subject: "Welcome aboard", body: "Hello Ada: rocket on the rocket-plan {{not liquid}}" },
    ]);
    const executed = (await bridge.requests()).filter((r) => r.action === "execute");
    expect(executed.map((r) => r.stepId)).toEqual(["lookup", "inbox"]);
    expect(executed[1]?.signature).toMatch(/^t=\d{13},v1=[0-9a-f]{64}$/);
    expect(executed[1]?.body).toMatchObject({
      workflowId: "bridge-welcome",
      stepId: "inbox",
      payload: { item: "rocket" },
      controls: {},
      subscriber: { subscriberId: "ada", firstName: "Ada" },
      state: [{ stepId: "lookup", outputs: { plan: "rocket-plan" }, state: { status: "completed" } }],
    });
  });

  it("sends the bridge's email through the environment's provider, zod control defaults applied", async () => {
    const { tenant, server } = await syncedTenant();
    const sendgrid = await sendgridIntegration(server, "bridge-mail");
    await trigger(server, "bridge-order", {
      to: { subscriberId: "ada", firstName: "Ada", email: "ada@example.com" },
      payload: { orderId: "B-42" },
    });
    expect(await inbox(tenant, "ada")).toMatchObject([
      { subject: "Shipped", body: "Order B-42 for Ada has shipped" },
    ]);
    const [sent] = await vi.waitFor(
      async () => {
        const requests = await sendgrid.requests();
        expect(requests).toHaveLength(1);
        return requests;
      },
      { timeout: 10_000, interval: 100 },
    );
    expect(JSON.parse(sent?.body ?? "{}")).toMatchObject({
      subject: "[Acme] Order B-42",
      content: [{ type: "text/html", value: "<p>Your order B-42 is on its way.</p>" }],
      personalizations: [{ to: [{ email: "ada@example.com" }] }],
    });
  });

  it("uses controls edited through the API on the next run, without a redeploy", async () => {
    const { tenant, server } = await syncedTenant();
    const patched = await server("/v2/workflows/bridge-welcome/steps/inbox", {
      method: "PATCH",
      body: { controlValues: { subject: "Edited in the dashboard" } },
    });
    expect(patched.status).toBe(200);
    await trigger(server, "bridge-welcome");
    expect((await inbox(tenant, "ada")).map((n) => n.subject)).toEqual(["Edited in the dashboard"]);
  });

  it("takes control values from a full update (PUT) too, keeping the bridge's control schema", async () => {
    const { tenant, server } = await syncedTenant();
    const current = (await (await server("/v2/workflows/bridge-welcome")).json<{ data: WorkflowDto }>()).data;
    const res = await server("/v2/workflows/bridge-welcome", {
      method: "PUT",
      body: {
        name: current.name,
        origin: "external",
        preferences: {},
        steps: current.steps.map((step) => ({
          _id: (step as unknown as { _id: string })._id,
          name: step.stepId,
          type: step.type,
          controlValues: step.stepId === "inbox" ? { subject: "Set with PUT" } : {},
        })),
      },
    });
    expect(res.status).toBe(200);
    const updated = (await res.json<{ data: WorkflowDto }>()).data;
    expect(updated.steps[1]?.controls.dataSchema).toMatchObject({
      properties: { subject: { type: "string" } },
    });
    await trigger(server, "bridge-welcome");
    expect((await inbox(tenant, "ada")).map((n) => n.subject)).toEqual(["Set with PUT"]);
  });

  it("records a step the bridge's skip function skipped", async () => {
    const { tenant, server } = await syncedTenant();
    await trigger(server, "bridge-welcome", { payload: { mute: true }, transactionId: "tx-muted" });
    expect(await inbox(tenant, "ada")).toEqual([]);
    const jobs = await jobsOf(server, "tx-muted");
    expect(jobs.map((j) => [j.type, j.status])).toEqual([
      ["custom", "completed"],
      ["in_app", "skipped"],
    ]);
  });

  it("fails the step with the bridge's own message when the user's code throws, after retrying", async () => {
    const { tenant, server, bridge } = await syncedTenant();
    await trigger(server, "bridge-failing", { transactionId: "tx-failing" });
    const [job] = await jobsOf(server, "tx-failing");
    expect(job?.status).toBe("failed");
    expect(job?.executionDetails.map((d) => d.detail).join(" ")).toContain("the CRM is down");
    expect(await inbox(tenant, "ada")).toEqual([]);
    // A thrown error is a 500 from the bridge: retried before the step is given up.
    expect((await bridge.requests()).filter((r) => r.stepId === "broken").length).toBe(3);
  });

  it("refuses a payload the workflow's schema rejects, as the bridge reports it", async () => {
    const { server } = await syncedTenant();
    await trigger(server, "bridge-welcome", { payload: { item: 42 }, transactionId: "tx-bad-payload" });
    const jobs = await jobsOf(server, "tx-bad-payload");
    expect(jobs[0]?.status).toBe("failed");
    expect(jobs[0]?.executionDetails.map((d) => d.detail).join(" ")).toContain(
      "ExecutionEventPayloadInvalidError",
    );
    expect(jobs[1]?.status).toBe("skipped");
  });

  it("waits for a delay the bridge sets, then runs the next step", async () => {
    const { tenant, server } = await syncedTenant();
    await trigger(server, "bridge-delay", { transactionId: "tx-delay" });
    expect(await inbox(tenant, "ada")).toEqual([]);
    await elapse(1_200, tenant, "ada");
    expect((await inbox(tenant, "ada")).map((n) => n.body)).toEqual(["after the delay"]);
  });

  it("digests concurrent triggers into one run whose later steps see every event", async () => {
    const { tenant, server, bridge } = await syncedTenant();
    await Promise.all([1, 2, 3].map((n) => trigger(server, "bridge-digest", { payload: { n } })));
    expect(await inbox(tenant, "ada")).toEqual([]);
    await elapse(2_200, tenant, "ada");
    const [summary] = await inbox(tenant, "ada");
    expect(summary?.body).toMatch(/^3 events: [123],[123],[123]$/);
    const last = (await bridge.requests()).filter((r) => r.stepId === "summary");
    expect(last).toHaveLength(1);
    expect(last[0]?.body).toMatchObject({ state: [{ stepId: "collect", outputs: { eventCount: 3 } }] });
  });
});
