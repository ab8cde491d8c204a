// Replay protection on the bridge: `@novu/framework` (strict authentication on) refuses a `novu-signature` whose
// signed timestamp is more than 5 minutes away from its clock, so a captured request cannot be sent again later.
import { describe, expect, it } from "vitest";
import { bridgeSignature } from "../../src/bridge/bridge-signature";
import { api, createTenant, frameworkBridge } from "./fixtures";

const sixMinutes = 6 * 60_000;

async function askBridge(url: string, signature: string | null, init: { method: string; body?: unknown }) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (signature !== null) headers["novu-signature"] = signature;
  const res = await fetch(url, {
    method: init.method,
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return { status: res.status, body: (await res.json()) as { code?: string } };
}

describe("bridge signatures outside the framework's tolerance window", () => {
  it("a discover request signed 6 minutes ago is refused; the same request signed now is accepted", async () => {
    const tenant = await createTenant();
    const url = `${frameworkBridge(tenant).url}?action=discover`;

    const stale = await askBridge(url, await bridgeSignature(tenant.secretKey, {}, Date.now() - sixMinutes), {
      method: "GET",
    });
    expect(stale).toMatchObject({ status: 401, body: { code: "SignatureExpiredError" } });

    const future = await askBridge(
      url,
      await bridgeSignature(tenant.secretKey, {}, Date.now() + sixMinutes),
      {
        method: "GET",
      },
    );
    expect(future).toMatchObject({ status: 401, body: { code: "SignatureExpiredError" } });

    const fresh = await askBridge(url, await bridgeSignature(tenant.secretKey, {}), { method: "GET" });
    expect(fresh.status).toBe(200);
    expect(fresh.body).toHaveProperty("workflows");
  });

  it("an execute request replayed with a stale timestamp is refused before any step runs", async () => {
    const tenant = await createTenant();
    const url = `${frameworkBridge(tenant).url}?action=execute&workflowId=bridge-delay&stepId=wait`;
    const event = {
      payload: {},
      controls: {},
      state: [],
      subscriber: { subscriberId: "replayed" },
      inputs: {},
    };
    const stale = await askBridge(
      url,
      await bridgeSignature(tenant.secretKey, event, Date.now() - sixMinutes),
      { method: "POST", body: event },
    );
    expect(stale).toMatchObject({ status: 401, body: { code: "SignatureExpiredError" } });

    const fresh = await askBridge(url, await bridgeSignature(tenant.secretKey, event), {
      method: "POST",
      body: event,
    });
    expect(fresh.status).toBe(200);
  });

  it("a fresh timestamp does not rescue a signature made for another body or with another key", async () => {
    const tenant = await createTenant();
    const url = `${frameworkBridge(tenant).url}?action=discover`;
    const otherBody = await bridgeSignature(tenant.secretKey, { other: true });
    expect(await askBridge(url, otherBody, { method: "GET" })).toMatchObject({
      status: 401,
      body: { code: "SignatureMismatchError" },
    });
    const otherKey = await bridgeSignature("not-the-environment-key", {});
    expect((await askBridge(url, otherKey, { method: "GET" })).status).toBe(401);
    expect((await askBridge(url, null, { method: "GET" })).status).toBe(401);
  });

  it("the platform signs each bridge request with the current time, so its own requests are inside the window", async () => {
    const tenant = await createTenant();
    const bridge = frameworkBridge(tenant);
    const before = Date.now();
    const res = await api(tenant)("/v1/bridge/sync?source=cli", {
      method: "POST",
      body: { bridgeUrl: bridge.url },
    });
    expect(res.status).toBe(201);
    const [discover] = await bridge.requests();
    const signedAt = Number(/^t=(\d+),/.exec(discover?.signature ?? "")?.[1]);
    expect(signedAt).toBeGreaterThanOrEqual(before - 1_000);
    expect(signedAt).toBeLessThanOrEqual(Date.now() + 1_000);
  });
});
