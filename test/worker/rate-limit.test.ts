import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import worker from "../../src/index";
import { api, createTenant, inAppWorkflow, type TestTenant } from "./fixtures";

/** The Worker as deployed with `API_RATE_LIMIT = "free"`: same bindings, one setting changed. */
async function limited(tenant: TestTenant, path: string, init: { method?: string; body?: unknown } = {}) {
  const ctx = createExecutionContext();
  const request = new Request(`http://api.test${path}`, {
    method: init.method ?? "GET",
    headers: { authorization: `ApiKey ${tenant.secretKey}`, "content-type": "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const res = await worker.fetch(request, { ...env, API_RATE_LIMIT: "free" }, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

const bulkSubscribers = (prefix: string) => ({
  subscribers: Array.from({ length: 3 }, (_, i) => ({ subscriberId: `${prefix}-${i}` })),
});

describe("API rate limits (free service level)", { timeout: 30_000 }, () => {
  it("sends Novu's RateLimit headers, per category", async () => {
    const tenant = await createTenant();
    await api(tenant)("/v2/workflows", { method: "POST", body: inAppWorkflow("rl") });

    const trigger = await limited(tenant, "/v1/events/trigger", {
      method: "POST",
      body: { name: "rl", to: "ada" },
    });
    expect(trigger.status).toBe(201);
    expect(trigger.headers.get("ratelimit-limit")).toBe("300");
    expect(trigger.headers.get("ratelimit-remaining")).toBe("329");
    expect(trigger.headers.get("ratelimit-policy")).toBe(
      '300;w=5;burst=330;comment="token bucket";category="trigger";cost="single";serviceLevel="free"',
    );
    expect(Number(trigger.headers.get("ratelimit-reset"))).toBeGreaterThanOrEqual(1);

    const list = await limited(tenant, "/v2/subscribers");
    expect(list.headers.get("ratelimit-limit")).toBe("100");
    expect(list.headers.get("ratelimit-policy")).toContain('category="configuration";cost="single"');

    const workflows = await limited(tenant, "/v2/workflows");
    expect(workflows.headers.get("ratelimit-limit")).toBe("150");
    expect(workflows.headers.get("ratelimit-policy")).toContain('category="global"');
  });

  it("charges a bulk request 100 tokens and answers 429 with Retry-After once the bucket is empty", async () => {
    const tenant = await createTenant();
    const first = await limited(tenant, "/v1/subscribers/bulk", {
      method: "POST",
      body: bulkSubscribers("a"),
    });
    expect(first.status).toBe(201);
    expect(first.headers.get("ratelimit-policy")).toContain('cost="bulk"');
    expect(Number(first.headers.get("ratelimit-remaining"))).toBeLessThan(20);

    const refused = await limited(tenant, "/v1/subscribers/bulk", {
      method: "POST",
      body: bulkSubscribers("b"),
    });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(refused.headers.get("ratelimit-limit")).toBe("100");
    expect(await refused.json()).toMatchObject({
      statusCode: 429,
      path: "/v1/subscribers/bulk",
      message: "API rate limit exceeded",
      error: "Too Many Requests",
    });
    // The refused request did nothing.
    const b0 = await api(tenant)("/v2/subscribers/b-0");
    expect(b0.status).toBe(404);

    // Other categories and other environments have buckets of their own.
    expect((await limited(tenant, "/v2/workflows")).status).toBe(200);
    expect(
      (
        await limited(await createTenant(), "/v1/subscribers/bulk", {
          method: "POST",
          body: bulkSubscribers("c"),
        })
      ).status,
    ).toBe(201);
  });

  it("checks the API key first: a wrong key is 401 and takes no tokens", async () => {
    const ctx = createExecutionContext();
    const res = await worker.fetch(
      new Request("http://api.test/v2/workflows", { headers: { authorization: "ApiKey nope" } }),
      { ...env, API_RATE_LIMIT: "free" },
      ctx,
    );
    expect(res.status).toBe(401);
    expect(res.headers.has("ratelimit-limit")).toBe(false);
  });

  it("is on by default at the most generous service level, and off when set to off", async () => {
    const tenant = await createTenant();
    const server = api(tenant);
    const res = await server("/v1/subscribers/bulk", { method: "POST", body: bulkSubscribers("d") });
    expect(res.status).toBe(201);
    expect(res.headers.get("ratelimit-limit")).toBe("10000");
    expect(res.headers.get("ratelimit-policy")).toContain('serviceLevel="enterprise"');

    const ctx = createExecutionContext();
    const off = await worker.fetch(
      new Request("http://api.test/v2/workflows", {
        headers: { authorization: `ApiKey ${tenant.secretKey}` },
      }),
      { ...env, API_RATE_LIMIT: "off" },
      ctx,
    );
    await waitOnExecutionContext(ctx);
    expect(off.status).toBe(200);
    expect(off.headers.has("ratelimit-limit")).toBe(false);
  });
});
