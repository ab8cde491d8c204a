// Size limits on what one request may carry, at the edge and just past it, and unknown fields handled as Novu's
// API does (its validation pipe does not forbid them): accepted, neither stored nor echoed.
import { describe, expect, it } from "vitest";
import { api, createTenant } from "./fixtures";

type Server = ReturnType<typeof api>;

async function refusedInNovuShape(res: Response, status = 422) {
  expect(res.status).toBe(status);
  expect(await res.json()).toMatchObject({
    statusCode: status,
    message: expect.any(String),
    error: expect.any(String),
  });
}

async function quietWorkflow(server: Server) {
  // Inactive: a trigger is validated and acknowledged without running, so 100 events stay cheap.
  const res = await server("/v2/workflows", {
    method: "POST",
    body: {
      name: "Quiet",
      workflowId: "quiet",
      active: false,
      steps: [{ name: "Inbox", type: "in_app", controlValues: { body: "x" } }],
    },
  });
  expect(res.status).toBe(201);
}

describe("request size limits", { timeout: 30_000 }, () => {
  it("takes up to 100 events in a bulk trigger and refuses 101", async () => {
    const server = api(await createTenant());
    await quietWorkflow(server);
    const events = (n: number) => Array.from({ length: n }, (_, i) => ({ name: "quiet", to: `s${i}` }));
    const hundred = await server("/v1/events/trigger/bulk", {
      method: "POST",
      body: { events: events(100) },
    });
    expect(hundred.status).toBe(201);
    expect((await hundred.json<{ data: unknown[] }>()).data).toHaveLength(100);
    await refusedInNovuShape(
      await server("/v1/events/trigger/bulk", { method: "POST", body: { events: events(101) } }),
    );
  });

  it("takes up to 500 subscribers in a bulk create and refuses 501", async () => {
    const server = api(await createTenant());
    const subscribers = (n: number, prefix: string) =>
      Array.from({ length: n }, (_, i) => ({ subscriberId: `${prefix}${i}` }));
    const five = await server("/v1/subscribers/bulk", {
      method: "POST",
      body: { subscribers: subscribers(500, "a") },
    });
    expect(five.status).toBe(201);
    expect((await five.json<{ data: { created: unknown[] } }>()).data.created).toHaveLength(500);
    await refusedInNovuShape(
      await server("/v1/subscribers/bulk", { method: "POST", body: { subscribers: subscribers(501, "b") } }),
    );
    const page = await (await server("/v2/subscribers?limit=100")).json<{
      data: Array<{ subscriberId: string }>;
    }>();
    expect(page.data.some((s) => s.subscriberId.startsWith("b"))).toBe(false);
  });

  it("refuses identifiers past their length limits", async () => {
    const server = api(await createTenant());
    await quietWorkflow(server);
    const trigger = (to: unknown, extra: Record<string, unknown> = {}) =>
      server("/v1/events/trigger", { method: "POST", body: { name: "quiet", to, ...extra } });
    expect((await trigger("s".repeat(255))).status).toBe(201);
    await refusedInNovuShape(await trigger("s".repeat(256)));
    await refusedInNovuShape(await trigger("s", { transactionId: "t".repeat(256) }));
    await refusedInNovuShape(await trigger({ type: "Topic", topicKey: "k".repeat(101) }));
    await refusedInNovuShape(
      await server("/v2/contexts", { method: "POST", body: { type: "tenant", id: "c".repeat(101) } }),
    );
  });
});

describe("unknown fields", () => {
  it("are accepted, as Novu's API accepts them, and neither stored nor echoed", async () => {
    const server = api(await createTenant());
    const created = await server("/v2/subscribers", {
      method: "POST",
      body: { subscriberId: "ada", firstName: "Ada", isAdmin: true, $where: "1 == 1" },
    });
    expect(created.status).toBe(201);
    const text = await (await server("/v2/subscribers/ada")).text();
    expect(JSON.parse(text)).toMatchObject({ data: { subscriberId: "ada", firstName: "Ada" } });
    expect(text).not.toContain("isAdmin");
    expect(text).not.toContain("$where");

    const workflow = await server("/v2/workflows", {
      method: "POST",
      body: {
        name: "Extra",
        workflowId: "extra",
        _environmentId: "000000000000000000000000",
        steps: [{ name: "Inbox", type: "in_app", controlValues: { body: "x" }, injected: "field" }],
      },
    });
    expect(workflow.status).toBe(201);
    const stored = await (await server("/v2/workflows/extra")).text();
    expect(stored).not.toContain("000000000000000000000000");
    expect(stored).not.toContain("injected");
  });
});
