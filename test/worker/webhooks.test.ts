import { describe, expect, it, vi } from "vitest";
import type { RecordedRequest } from "../support/recording-server";
import {
  api,
  call,
  createTenant,
  inAppWorkflow,
  openInbox,
  providerPath,
  sendgridIntegration,
} from "./fixtures";

type Endpoint = { _id: string; url: string; eventTypes: string[]; active: boolean; secret?: string };
type Server = ReturnType<typeof api>;

async function createEndpoint(server: Server, body: Record<string, unknown>): Promise<Endpoint> {
  const res = await server("/v1/webhooks/endpoints", { method: "POST", body });
  expect(res.status).toBe(201);
  return (await res.json<{ data: Endpoint }>()).data;
}

/** Checks `novu-signature` the way a receiver would, with WebCrypto rather than the platform's own helper. */
async function signatureIsValid(secret: string, request: RecordedRequest): Promise<boolean> {
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(request.headers["novu-signature"] ?? "");
  if (!match) return false;
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["verify"],
  );
  const signature = Uint8Array.from(match[2]?.match(/../g) ?? [], (byte) => Number.parseInt(byte, 16));
  return crypto.subtle.verify(
    "HMAC",
    key,
    signature,
    new TextEncoder().encode(`${match[1]}.${request.body}`),
  );
}

async function emailWorkflow(server: Server) {
  await server("/v2/workflows", {
    method: "POST",
    body: {
      name: "Receipt",
      workflowId: "receipt",
      steps: [{ name: "Email", type: "email", controlValues: { subject: "Order", body: "<p>Thanks</p>" } }],
    },
  });
  return (subscriberId: string) =>
    server("/v1/events/trigger", {
      method: "POST",
      body: { name: "receipt", to: { subscriberId, email: `${subscriberId}@example.com` } },
    });
}

const arrived = async (hook: ReturnType<typeof providerPath>, n: number) =>
  vi.waitFor(
    async () => {
      const requests = await hook.requests();
      expect(requests.length).toBeGreaterThanOrEqual(n);
      return requests;
    },
    { timeout: 15_000, interval: 100 },
  );

describe("outbound webhook endpoints API", () => {
  it("creates, lists, updates, rotates and deletes an endpoint; the secret is shown only on create and rotate", async () => {
    const server = api(await createTenant());
    const created = await createEndpoint(server, {
      url: "https://example.com/hooks",
      description: "ops",
      eventTypes: ["message.failed"],
    });
    expect(created).toMatchObject({
      url: "https://example.com/hooks",
      eventTypes: ["message.failed"],
      active: true,
    });
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9]{40,}$/);

    const listed = await (await server("/v1/webhooks/endpoints")).json<{ data: Endpoint[] }>();
    expect(listed.data).toHaveLength(1);
    expect(listed.data[0]).not.toHaveProperty("secret");

    const path = `/v1/webhooks/endpoints/${created._id}`;
    const patched = await server(path, { method: "PATCH", body: { active: false, eventTypes: [] } });
    expect(patched.status).toBe(200);
    expect((await patched.json<{ data: Endpoint }>()).data).toMatchObject({
      url: "https://example.com/hooks",
      active: false,
      eventTypes: [],
    });

    const rotated = await server(`${path}/secret/rotate`, { method: "POST" });
    const { secret } = (await rotated.json<{ data: Endpoint }>()).data;
    expect(secret).toMatch(/^whsec_/);
    expect(secret).not.toBe(created.secret);

    expect((await server(path, { method: "DELETE" })).status).toBe(204);
    expect((await server(path)).status).toBe(404);
  });

  it("rejects a missing key, another environment's endpoint and malformed input with Novu's error shape", async () => {
    const mine = api(await createTenant());
    const theirs = api(await createTenant());
    const endpoint = await createEndpoint(theirs, { url: "https://example.com/theirs" });

    const unauthenticated = await call("/v1/webhooks/endpoints");
    expect(unauthenticated.status).toBe(401);
    expect(await unauthenticated.json()).toMatchObject({ statusCode: 401 });

    for (const [method, suffix] of [
      ["GET", ""],
      ["PATCH", ""],
      ["DELETE", ""],
      ["POST", "/secret/rotate"],
    ] as const) {
      const res = await mine(`/v1/webhooks/endpoints/${endpoint._id}${suffix}`, {
        method,
        ...(method === "PATCH" ? { body: { active: false } } : {}),
      });
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({
        statusCode: 404,
        message: expect.stringContaining(endpoint._id),
      });
    }
    expect((await (await mine("/v1/webhooks/endpoints")).json<{ data: Endpoint[] }>()).data).toEqual([]);
    expect((await theirs(`/v1/webhooks/endpoints/${endpoint._id}`)).status).toBe(200);

    for (const body of [
      {},
      { url: "not a url" },
      { url: "ftp://example.com/x" },
      { url: "https://example.com", eventTypes: ["message.exploded"] },
    ]) {
      const res = await mine("/v1/webhooks/endpoints", { method: "POST", body });
      expect(res.status).toBe(422);
      expect(await res.json()).toMatchObject({ statusCode: 422, errors: expect.any(Object) });
    }
  });

  it("is described in the OpenAPI document", async () => {
    const doc = await (await call("/openapi.json")).json<{
      paths: Record<string, Record<string, unknown>>;
    }>();
    expect(Object.keys(doc.paths["/v1/webhooks/endpoints"] ?? {}).sort()).toEqual(["get", "post"]);
    expect(Object.keys(doc.paths["/v1/webhooks/endpoints/{endpointId}"] ?? {}).sort()).toEqual([
      "delete",
      "get",
      "patch",
    ]);
  });
});

describe("message status events", { timeout: 30_000 }, () => {
  it("posts a signed message.sent to the environment's endpoint and nothing to another environment's", async () => {
    const tenant = await createTenant();
    const server = api(tenant);
    await sendgridIntegration(server, "webhook-sent");
    const hook = providerPath("hook");
    const endpoint = await createEndpoint(server, { url: `${hook.baseUrl}/events` });
    const otherHook = providerPath("other-hook");
    const other = api(await createTenant());
    await createEndpoint(other, { url: `${otherHook.baseUrl}/events` });
    await sendgridIntegration(other, "webhook-other");

    const trigger = await emailWorkflow(server);
    expect((await trigger("ada")).status).toBe(201);

    const [request, ...more] = await arrived(hook, 1);
    expect(more).toEqual([]);
    expect(request?.method).toBe("POST");
    expect(request?.headers["content-type"]).toBe("application/json");
    expect(await signatureIsValid(endpoint.secret ?? "", request as RecordedRequest)).toBe(true);
    expect(await signatureIsValid("whsec_someone-else", request as RecordedRequest)).toBe(false);
    const event = JSON.parse(request?.body ?? "");
    expect(event).toMatchObject({
      type: "message.sent",
      timestamp: expect.any(String),
      data: {
        _environmentId: tenant.environmentId,
        subscriberId: "ada",
        workflowId: "receipt",
        channel: "email",
        providerId: "sendgrid",
        status: "sent",
        attempts: 1,
      },
    });
    expect(event.id).toBe(`${event.data._id}:message.sent`);
    expect(request?.headers["novu-webhook-id"]).toBe(event.id);
    const messages = await (await server("/v1/messages")).json<{ data: Array<{ _id: string }> }>();
    expect(messages.data.map((m) => m._id)).toContain(event.data._id);

    expect(await otherHook.requests()).toEqual([]);
  });

  it("posts message.failed with the provider's reason, only to endpoints that subscribed to it", async () => {
    const server = api(await createTenant());
    const provider = await sendgridIntegration(server, "webhook-failed");
    await provider.script("/v3/mail/send", [
      { status: 400, body: '{"errors":[{"message":"invalid from"}]}' },
    ]);
    const failures = providerPath("failures");
    const sentOnly = providerPath("sent-only");
    const disabled = providerPath("disabled");
    await createEndpoint(server, { url: `${failures.baseUrl}/e`, eventTypes: ["message.failed"] });
    await createEndpoint(server, { url: `${sentOnly.baseUrl}/e`, eventTypes: ["message.sent"] });
    await createEndpoint(server, { url: `${disabled.baseUrl}/e`, active: false });

    await (await emailWorkflow(server))("grace");

    const [request] = await arrived(failures, 1);
    expect(JSON.parse(request?.body ?? "")).toMatchObject({
      type: "message.failed",
      data: { status: "error", errorText: expect.stringContaining("invalid from") },
    });
    expect(await sentOnly.requests()).toEqual([]);
    expect(await disabled.requests()).toEqual([]);
  });

  it("retries an endpoint that fails, with the same event id and a valid signature each time", async () => {
    const server = api(await createTenant());
    await sendgridIntegration(server, "webhook-retry");
    const hook = providerPath("flaky-hook");
    await hook.script("/events", [{ status: 500 }, { status: 503 }, { status: 204 }]);
    const endpoint = await createEndpoint(server, { url: `${hook.baseUrl}/events` });

    await (await emailWorkflow(server))("lin");

    const requests = await arrived(hook, 3);
    expect(requests.map((r) => r.status)).toEqual([500, 503, 204]);
    expect(new Set(requests.map((r) => r.headers["novu-webhook-id"])).size).toBe(1);
    expect(new Set(requests.map((r) => r.body)).size).toBe(1);
    for (const request of requests) expect(await signatureIsValid(endpoint.secret ?? "", request)).toBe(true);
    // Delivered once: no further attempts after the 204.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await hook.requests()).toHaveLength(3);
  });
});

describe("outbound webhooks for in-app engagement", () => {
  it("posts message.seen and message.read the first time an in-app message is seen or read, signed", async () => {
    const tenant = await createTenant();
    const server = api(tenant);
    const hook = providerPath("engagement");
    const endpoint = await createEndpoint(server, {
      url: `${hook.baseUrl}/events`,
      eventTypes: ["message.seen", "message.read"],
    });
    await server("/v2/workflows", { method: "POST", body: inAppWorkflow("hello") });
    for (const n of [1, 2]) {
      await server("/v1/events/trigger", {
        method: "POST",
        body: { name: "hello", to: "ada", payload: { message: `m${n}` } },
      });
    }
    const inbox = await openInbox(tenant, "ada");
    const list = await (await inbox.call("/v1/inbox/notifications")).json<{ data: Array<{ id: string }> }>();
    const [second, first] = list.data.map((n) => n.id);

    // Reading one marks it seen too; reading it again reports nothing more.
    await inbox.call(`/v1/inbox/notifications/${first}/read`, { method: "PATCH" });
    await inbox.call(`/v1/inbox/notifications/${first}/read`, { method: "PATCH" });
    // The bulk "seen" reaches only the other one: the first was seen already.
    await inbox.call("/v1/inbox/notifications/seen", {
      method: "POST",
      body: { notificationIds: [first, second] },
    });

    const requests = await arrived(hook, 3);
    const events = requests.map(
      (r) => JSON.parse(r.body) as { id: string; type: string; data: { _id: string } },
    );
    expect(events.map((e) => [e.type, e.data._id]).sort()).toEqual(
      [
        ["message.read", first],
        ["message.seen", first],
        ["message.seen", second],
      ].sort(),
    );
    expect(events[0]?.data).toMatchObject({ subscriberId: "ada", channel: "in_app", workflowId: "hello" });
    for (const request of requests) expect(await signatureIsValid(endpoint.secret ?? "", request)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await hook.requests()).toHaveLength(3);
  });

  it("sends in-app engagement to the environment's own endpoint only", async () => {
    const tenant = await createTenant();
    const other = await createTenant();
    const hook = providerPath("engagement-other");
    const own = providerPath("engagement-own");
    await createEndpoint(api(other), { url: `${hook.baseUrl}/events` });
    await createEndpoint(api(tenant), { url: `${own.baseUrl}/events` });
    await api(tenant)("/v2/workflows", { method: "POST", body: inAppWorkflow("hello") });
    await api(tenant)("/v1/events/trigger", { method: "POST", body: { name: "hello", to: "ada" } });
    const inbox = await openInbox(tenant, "ada");
    await inbox.call("/v1/inbox/notifications/read", { method: "POST", body: {} });
    // The environment's own endpoint hears of it; by then the other one would have too.
    expect((await arrived(own, 2)).map((r) => JSON.parse(r.body).type).sort()).toEqual([
      "message.read",
      "message.seen",
    ]);
    expect(await hook.requests()).toEqual([]);
  });
});
