import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, call, createTenant, type TestTenant } from "../../test/worker/fixtures";
import { createApp } from "../app";

const trigger = (body: unknown) => call("/demo/trigger", { method: "POST", body });

async function notifications(tenant: TestTenant, subscriberId: string) {
  const response = await api(tenant)(`/v2/subscribers/${subscriberId}/notifications`);
  expect(response.status).toBe(200);
  return (await response.json<{ data: { subject?: string; body: string }[] }>()).data;
}

describe("GET /demo", () => {
  it("serves the page, which loads its bundle from /demo", async () => {
    const response = await call("/demo?applicationIdentifier=x&subscriberId=y");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/html");
    expect(await response.text()).toContain('src="/demo/inbox.js"');
  });

  it("answers Novu's 404 for files it does not have", async () => {
    const response = await call("/demo/secrets.json");
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({
      statusCode: 404,
      message: "Cannot GET /demo/secrets.json",
    });
  });

  it("serves nothing outside /demo from the static assets", async () => {
    for (const path of ["/index.html", "/inbox.js", "/"]) expect((await call(path)).status).toBe(404);
  });
});

describe("POST /demo/trigger", () => {
  it("creates the demo workflow once and delivers it to the subscriber's Inbox", async () => {
    const tenant = await createTenant("dev");
    const input = { applicationIdentifier: tenant.applicationIdentifier, subscriberId: "demo-ada" };
    const first = await trigger(input);
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({ data: { acknowledged: true, status: "processed" } });
    expect((await trigger(input)).status).toBe(201);

    const workflows = await (await api(tenant)("/v2/workflows")).json<{
      data: { workflows: { workflowId: string }[] };
    }>();
    expect(workflows.data.workflows.map((w) => w.workflowId)).toEqual(["demo"]);
    const inbox = await notifications(tenant, "demo-ada");
    expect(inbox).toHaveLength(2);
    expect(inbox[0]?.subject).toBe("Hello demo-ada");
  });

  it("refuses a production environment and changes nothing there", async () => {
    const tenant = await createTenant("prod");
    const response = await trigger({
      applicationIdentifier: tenant.applicationIdentifier,
      subscriberId: "s",
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ statusCode: 403 });
    const workflows = await (await api(tenant)("/v2/workflows")).json<{ data: { totalCount: number } }>();
    expect(workflows.data.totalCount).toBe(0);
  });

  it("rejects an unknown application identifier and malformed input in Novu's error shape", async () => {
    const unknown = await trigger({ applicationIdentifier: "nope", subscriberId: "s" });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ message: "Please provide a valid application identifier" });

    const malformed = await trigger({ applicationIdentifier: "", subscriberId: 7 });
    expect(malformed.status).toBe(422);
    const body = await malformed.json<{ errors: Record<string, unknown> }>();
    expect(Object.keys(body.errors).sort()).toEqual(["applicationIdentifier", "subscriberId"]);

    const notJson = await call("/demo/trigger", { method: "POST", rawBody: "{" });
    expect(notJson.status).toBeGreaterThanOrEqual(400);
    expect(notJson.status).toBeLessThan(500);
  });
});

describe("with DEMO_PAGE off (as `npm run deploy` sets it)", () => {
  async function fetchWithDemoOff(path: string, init?: RequestInit) {
    const ctx = createExecutionContext();
    const response = await createApp().fetch(
      new Request(`http://api.test${path}`, init),
      { ...env, DEMO_PAGE: "off" },
      ctx,
    );
    await waitOnExecutionContext(ctx);
    return response;
  }

  it("serves neither the page, its bundle nor the trigger", async () => {
    const tenant = await createTenant("dev");
    for (const path of ["/demo", "/demo/index.html"]) {
      const response = await fetchWithDemoOff(path);
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ statusCode: 404 });
    }
    const response = await fetchWithDemoOff("/demo/trigger", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ applicationIdentifier: tenant.applicationIdentifier, subscriberId: "s" }),
    });
    expect(response.status).toBe(404);
    expect(await notifications(tenant, "s").catch(() => [])).toEqual([]);
  });
});
