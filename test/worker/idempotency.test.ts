import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, createTenant, inAppWorkflow, openInbox, sdk, type TestTenant } from "./fixtures";

async function tenantWithWorkflow(workflowId = "idem") {
  const tenant = await createTenant();
  const server = api(tenant);
  const res = await server("/v2/workflows", { method: "POST", body: inAppWorkflow(workflowId) });
  expect(res.status).toBe(201);
  return { tenant, server };
}

const trigger = (server: ReturnType<typeof api>, key: string | undefined, body: Record<string, unknown>) =>
  server("/v1/events/trigger", {
    method: "POST",
    body,
    headers: key === undefined ? {} : { "idempotency-key": key },
  });

async function inboxBodies(tenant: TestTenant, subscriberId: string) {
  const inbox = await openInbox(tenant, subscriberId);
  const list = await (await inbox.call("/v1/inbox/notifications?limit=100")).json<{
    data: Array<{ body: string }>;
  }>();
  return list.data.map((n) => n.body);
}

describe("Idempotency-Key", { timeout: 30_000 }, () => {
  it("runs 20 concurrent triggers with one key exactly once; the others replay or conflict", async () => {
    const { tenant, server } = await tenantWithWorkflow();
    const body = { name: "idem", to: "ada", payload: { message: "once" } };
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => trigger(server, "k-concurrent", body)),
    );

    const fresh = responses.filter((r) => r.status === 201 && !r.headers.has("idempotency-replay"));
    const replays = responses.filter((r) => r.headers.get("idempotency-replay") === "true");
    const conflicts = responses.filter((r) => r.status === 409);
    expect(fresh).toHaveLength(1);
    expect(replays.length + conflicts.length).toBe(19);
    for (const replay of replays) expect(replay.status).toBe(201);

    const original = await fresh[0]?.text();
    for (const replay of replays) expect(await replay.text()).toBe(original);
    for (const conflict of conflicts) {
      expect(conflict.headers.get("retry-after")).toBe("1");
      expect(await conflict.json()).toMatchObject({
        statusCode: 409,
        message: 'Request with key "k-concurrent" is currently being processed. Please retry after 1 second',
      });
    }
    expect(await inboxBodies(tenant, "ada")).toEqual(["once"]);
  });

  it("replays a completed request with the identical status and body and echoes the key", async () => {
    const { tenant, server } = await tenantWithWorkflow();
    const body = { name: "idem", to: "ada", payload: { message: "hello" } };
    const first = await trigger(server, "k-replay", body);
    expect(first.status).toBe(201);
    expect(first.headers.get("idempotency-key")).toBe("k-replay");
    expect(first.headers.has("idempotency-replay")).toBe(false);
    const firstBody = await first.text();

    const again = await trigger(server, "k-replay", body);
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotency-replay")).toBe("true");
    expect(again.headers.get("idempotency-key")).toBe("k-replay");
    expect(again.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await again.text()).toBe(firstBody);
    expect(await inboxBodies(tenant, "ada")).toEqual(["hello"]);
  });

  it("works with the official SDK's idempotencyKey argument", async () => {
    const { tenant } = await tenantWithWorkflow();
    const novu = sdk(tenant);
    const request = { workflowId: "idem", to: "ada", payload: { message: "sdk" } };
    const first = await novu.trigger(request, "k-sdk");
    const again = await novu.trigger(request, "k-sdk");
    expect(again.result.transactionId).toBe(first.result.transactionId);
    expect(again.headers["idempotency-replay"]).toEqual(["true"]);
    expect(await inboxBodies(tenant, "ada")).toEqual(["sdk"]);
  });

  it("refuses the same key with a different body (422) and runs nothing for it", async () => {
    const { tenant, server } = await tenantWithWorkflow();
    await trigger(server, "k-body", { name: "idem", to: "ada", payload: { message: "one" } });
    const other = await trigger(server, "k-body", { name: "idem", to: "ada", payload: { message: "two" } });
    expect(other.status).toBe(422);
    expect(await other.json()).toMatchObject({
      statusCode: 422,
      message: 'Request with key "k-body" is being reused for a different body',
      error: "Unprocessable Entity",
    });
    expect(await inboxBodies(tenant, "ada")).toEqual(["one"]);
  });

  it("refuses the same key on another route as a different request", async () => {
    const { server } = await tenantWithWorkflow();
    const body = { subscriberId: "ada" };
    expect(
      (await server("/v2/subscribers", { method: "POST", body, headers: { "idempotency-key": "k-route" } }))
        .status,
    ).toBe(201);
    const elsewhere = await server("/v2/topics", {
      method: "POST",
      body,
      headers: { "idempotency-key": "k-route" },
    });
    expect(elsewhere.status).toBe(422);
  });

  it("keeps environments apart: another environment's identical key runs on its own", async () => {
    const a = await tenantWithWorkflow();
    const b = await tenantWithWorkflow();
    const body = { name: "idem", to: "ada", payload: { message: "mine" } };
    expect((await trigger(a.server, "k-shared", body)).status).toBe(201);
    const inB = await trigger(b.server, "k-shared", body);
    expect(inB.status).toBe(201);
    expect(inB.headers.has("idempotency-replay")).toBe(false);
    expect(await inboxBodies(b.tenant, "ada")).toEqual(["mine"]);
    expect(await inboxBodies(a.tenant, "ada")).toEqual(["mine"]);
  });

  it("refuses a key over 255 characters with Novu's 400", async () => {
    const { tenant, server } = await tenantWithWorkflow();
    const key = "k".repeat(256);
    const res = await trigger(server, key, { name: "idem", to: "ada", payload: { message: "x" } });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      statusCode: 400,
      message: `idempotencyKey "${key}" has exceeded the maximum allowed length of 255 characters`,
    });
    expect(await inboxBodies(tenant, "ada")).toEqual([]);
    const longest = await trigger(server, "k".repeat(255), {
      name: "idem",
      to: "ada",
      payload: { message: "x" },
    });
    expect(longest.status).toBe(201);
  });

  it("leaves requests without the header alone: two triggers, two notifications", async () => {
    const { tenant, server } = await tenantWithWorkflow();
    const body = { name: "idem", to: "ada", payload: { message: "twice" } };
    for (const res of [await trigger(server, undefined, body), await trigger(server, undefined, body)]) {
      expect(res.status).toBe(201);
      expect(res.headers.has("idempotency-key")).toBe(false);
    }
    expect(await inboxBodies(tenant, "ada")).toEqual(["twice", "twice"]);
  });

  it("caches a 4xx answer: the replay repeats it even after the cause is gone", async () => {
    const tenant = await createTenant();
    const server = api(tenant);
    const body = { name: "later", to: "ada", payload: { message: "x" } };
    const first = await trigger(server, "k-4xx", body);
    expect(first.status).toBe(422);
    const firstBody = await first.text();
    await server("/v2/workflows", { method: "POST", body: inAppWorkflow("later") });
    const again = await trigger(server, "k-4xx", body);
    expect(again.status).toBe(422);
    expect(again.headers.get("idempotency-replay")).toBe("true");
    expect(await again.text()).toBe(firstBody);
    expect(await inboxBodies(tenant, "ada")).toEqual([]);
  });

  it("covers PATCH, and ignores the key on GET", async () => {
    const { server } = await tenantWithWorkflow();
    await server("/v2/subscribers", { method: "POST", body: { subscriberId: "ada", firstName: "Ada" } });
    const patch = (firstName: string) =>
      server("/v2/subscribers/ada", {
        method: "PATCH",
        body: { firstName },
        headers: { "idempotency-key": "k-patch" },
      });
    expect((await patch("Grace")).status).toBe(200);
    const replay = await patch("Grace");
    expect(replay.headers.get("idempotency-replay")).toBe("true");
    expect((await patch("Linus")).status).toBe(422);

    const get = await server("/v2/subscribers/ada", { headers: { "idempotency-key": "k-patch" } });
    expect(get.status).toBe(200);
    expect(get.headers.has("idempotency-key")).toBe(false);
    expect((await get.json<{ data: { firstName: string } }>()).data.firstName).toBe("Grace");
  });

  it("needs a valid API key first: a wrong key is 401 and claims nothing", async () => {
    const { server } = await tenantWithWorkflow();
    const body = { name: "idem", to: "ada", payload: { message: "x" } };
    const wrong = await trigger(
      (path, options) =>
        server(path, { ...options, headers: { ...options?.headers, authorization: "ApiKey nope" } }),
      "k-auth",
      body,
    );
    expect(wrong.status).toBe(401);
    const right = await trigger(server, "k-auth", body);
    expect(right.status).toBe(201);
    expect(right.headers.has("idempotency-replay")).toBe(false);
  });

  it("prunes expired keys on the object's alarm, after which the key runs again", async () => {
    const { tenant, server } = await tenantWithWorkflow();
    const body = { name: "idem", to: "ada", payload: { message: "again" } };
    await trigger(server, "k-expire", body);
    const keys = env.IDEMPOTENCY.getByName(tenant.environmentId);
    // Stands in for 24 hours passing: the alarm prunes by each row's expiry.
    await runInDurableObject(keys, (_, state) => {
      state.storage.sql.exec("UPDATE keys SET expires_at = ?", Date.now() - 1);
    });
    expect(await runDurableObjectAlarm(keys)).toBe(true);
    const rows = await runInDurableObject(keys, (_, state) =>
      state.storage.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM keys").one(),
    );
    expect(rows.n).toBe(0);
    const rerun = await trigger(server, "k-expire", body);
    expect(rerun.headers.has("idempotency-replay")).toBe(false);
    expect(await inboxBodies(tenant, "ada")).toEqual(["again", "again"]);
  });
});

describe("transactionId", { timeout: 20_000 }, () => {
  it("does not count a repeated transactionId twice in a digest", async () => {
    const tenant = await createTenant();
    const server = api(tenant);
    await server("/v2/workflows", {
      method: "POST",
      body: {
        name: "Digest",
        workflowId: "digest",
        steps: [
          { name: "Digest", type: "digest", controlValues: { amount: 1, unit: "seconds" } },
          { name: "Inbox", type: "in_app", controlValues: { body: "{{steps.digest.eventCount}} events" } },
        ],
      },
    });
    for (const transactionId of ["tx-1", "tx-1", "tx-2", "tx-1"]) {
      const res = await trigger(server, undefined, { name: "digest", to: "ada", transactionId });
      expect(res.status).toBe(201);
    }
    await new Promise((resolve) => setTimeout(resolve, 1300));
    await runDurableObjectAlarm(env.SUBSCRIBER.getByName(`${tenant.environmentId}:ada`));
    expect(await inboxBodies(tenant, "ada")).toEqual(["2 events"]);
  });
});
