import { describe, expect, it } from "vitest";
import { api, createTenant } from "./fixtures";

type Subscriber = {
  subscriberId: string;
  channels: Array<{ providerId: string; credentials: Record<string, unknown> }>;
  isOnline: boolean | null;
};

/** An inactive integration of `providerId`: enough for credentials to bind to, without delivering anything. */
async function integration(
  server: ReturnType<typeof api>,
  providerId: string,
  channel: string,
  identifier?: string,
): Promise<string> {
  const res = await server("/v1/integrations", { method: "POST", body: { providerId, channel, identifier } });
  expect(res.status).toBe(201);
  return (await res.json<{ data: { _id: string } }>()).data._id;
}

describe("/v1/subscribers extras", () => {
  it("replaces, appends and removes provider credentials", async () => {
    const server = api(await createTenant());
    await server("/v2/subscribers", { method: "POST", body: { subscriberId: "s" } });
    const fcm = await integration(server, "fcm", "push");
    await integration(server, "slack", "chat");
    const put = await server("/v1/subscribers/s/credentials", {
      method: "PUT",
      body: { providerId: "fcm", credentials: { deviceTokens: ["a", "b"] } },
    });
    expect((await put.json<{ data: Subscriber }>()).data.channels).toEqual([
      { providerId: "fcm", credentials: { deviceTokens: ["a", "b"] }, _integrationId: fcm },
    ]);

    const patch = await server("/v1/subscribers/s/credentials", {
      method: "PATCH",
      body: { providerId: "fcm", credentials: { deviceTokens: ["b", "c"] } },
    });
    expect((await patch.json<{ data: Subscriber }>()).data.channels[0]?.credentials.deviceTokens).toEqual([
      "a",
      "b",
      "c",
    ]);

    const replaced = await server("/v1/subscribers/s/credentials", {
      method: "PUT",
      body: { providerId: "fcm", credentials: { deviceTokens: ["z"] } },
    });
    expect((await replaced.json<{ data: Subscriber }>()).data.channels[0]?.credentials.deviceTokens).toEqual([
      "z",
    ]);

    await server("/v1/subscribers/s/credentials", {
      method: "PUT",
      body: { providerId: "slack", credentials: { webhookUrl: "https://hooks.slack.com/x" } },
    });
    expect((await server("/v1/subscribers/s/credentials/fcm", { method: "DELETE" })).status).toBe(204);
    const after = await (await server("/v2/subscribers/s")).json<{ data: Subscriber }>();
    expect(after.data.channels.map((c) => c.providerId)).toEqual(["slack"]);
    expect((await server("/v1/subscribers/s/credentials/fcm", { method: "DELETE" })).status).toBe(404);
    expect(
      (
        await server("/v1/subscribers/ghost/credentials", {
          method: "PUT",
          body: { providerId: "fcm", credentials: {} },
        })
      ).status,
    ).toBe(404);
    expect(
      (await server("/v1/subscribers/s/credentials", { method: "PUT", body: { credentials: {} } })).status,
    ).toBe(422);
  });

  it("answers 404 for a provider or integration identifier the environment has no integration for", async () => {
    const tenant = await createTenant();
    const server = api(tenant);
    await server("/v2/subscribers", { method: "POST", body: { subscriberId: "s" } });
    const apns = await integration(server, "apns", "push", "apns-main");
    const set = (method: string, body: unknown) => server("/v1/subscribers/s/credentials", { method, body });

    for (const method of ["PUT", "PATCH"]) {
      const missing = await set(method, { providerId: "fcm", credentials: { deviceTokens: ["t"] } });
      expect(missing.status).toBe(404);
      expect(await missing.json()).toMatchObject({
        statusCode: 404,
        message: `Subscribers environment (${tenant.environmentId}) do not have active fcm integration.`,
      });
      const unknownIdentifier = await set(method, {
        providerId: "apns",
        integrationIdentifier: "apns-other",
        credentials: { deviceTokens: ["t"] },
      });
      expect(unknownIdentifier.status).toBe(404);
    }
    // Another environment's integration of that provider does not count.
    await integration(api(await createTenant()), "fcm", "push");
    expect((await set("PUT", { providerId: "fcm", credentials: { deviceTokens: ["t"] } })).status).toBe(404);
    const unchanged = await (await server("/v2/subscribers/s")).json<{ data: Subscriber }>();
    expect(unchanged.data.channels).toEqual([]);

    const named = await set("PATCH", {
      providerId: "apns",
      integrationIdentifier: "apns-main",
      credentials: { deviceTokens: ["t"] },
    });
    expect((await named.json<{ data: Subscriber }>()).data.channels).toEqual([
      expect.objectContaining({
        providerId: "apns",
        integrationIdentifier: "apns-main",
        _integrationId: apns,
      }),
    ]);
  });

  it("sets the online status", async () => {
    const server = api(await createTenant());
    await server("/v2/subscribers", { method: "POST", body: { subscriberId: "s" } });
    const res = await server("/v1/subscribers/s/online-status", {
      method: "PATCH",
      body: { isOnline: true },
    });
    expect(await res.json()).toMatchObject({ data: { isOnline: true, lastOnlineAt: expect.any(String) } });
  });

  it("bulk-creates with per-item outcomes", async () => {
    const server = api(await createTenant());
    await server("/v2/subscribers", { method: "POST", body: { subscriberId: "old" } });
    const subscribers = [
      { subscriberId: "old", firstName: "Again" },
      ...Array.from({ length: 149 }, (_, i) => ({ subscriberId: `new-${i}`, email: `n${i}@x.io` })),
      { firstName: "no id" },
      { subscriberId: 7 },
    ];
    const res = await server("/v1/subscribers/bulk", { method: "POST", body: { subscribers } });
    expect(res.status).toBe(201);
    const { data } = await res.json<{
      data: { created: unknown[]; updated: Array<{ subscriberId: string }>; failed: unknown[] };
    }>();
    expect(data.created).toHaveLength(149);
    expect(data.updated).toEqual([{ subscriberId: "old" }]);
    expect(data.failed).toHaveLength(2);
    expect(await (await server("/v2/subscribers/old")).json()).toMatchObject({
      data: { firstName: "Again" },
    });
    expect((await server("/v1/subscribers/bulk", { method: "POST", body: { subscribers: [] } })).status).toBe(
      422,
    );
  });
});
