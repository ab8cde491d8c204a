import { describe, expect, it } from "vitest";
import { hmacSha256Hex } from "../../src/lib/crypto";
import { api, call, createTenant } from "./fixtures";

const session = (applicationIdentifier: string, subscriberId: string, subscriberHash?: string) =>
  call("/v1/inbox/session", {
    method: "POST",
    body: { applicationIdentifier, subscriber: { subscriberId }, subscriberHash },
  });

describe("Inbox HMAC", () => {
  it("needs no hash until the in-app integration turns HMAC on, then refuses a missing or wrong one", async () => {
    const tenant = await createTenant();
    expect((await session(tenant.applicationIdentifier, "alice")).status).toBe(201);

    const created = await api(tenant)("/v1/integrations", {
      method: "POST",
      body: { providerId: "novu", channel: "in_app", active: true, credentials: { hmac: true } },
    });
    expect(created.status).toBe(201);

    const missing = await session(tenant.applicationIdentifier, "alice");
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ statusCode: 400, message: expect.stringContaining("HMAC") });
    const bobsHash = await hmacSha256Hex(tenant.secretKey, "bob");
    expect((await session(tenant.applicationIdentifier, "alice", bobsHash)).status).toBe(400);
    expect(
      (await session(tenant.applicationIdentifier, "alice", await hmacSha256Hex("another-key", "alice")))
        .status,
    ).toBe(400);

    const good = await session(
      tenant.applicationIdentifier,
      "alice",
      await hmacSha256Hex(tenant.secretKey, "alice"),
    );
    expect(good.status).toBe(201);
    expect(await good.json()).toMatchObject({ data: { token: expect.any(String) } });
  });
});
