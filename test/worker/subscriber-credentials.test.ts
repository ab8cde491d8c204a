import { describe, expect, it } from "vitest";
import { api, createTenant } from "./fixtures";

type Subscriber = {
  subscriberId: string;
  channels: Array<{ providerId: string; credentials: Record<string, unknown> }>;
  isOnline: boolean | null;
};

describe("/v1/subscribers extras", () => {
  it("replaces, appends and removes provider credentials", async () => {
    const server = api(await createTenant());
    await server("/v2/subscribers", { method: "POST", body: { subscriberId: "s" } });
    const put = await server("/v1/subscribers/s/credentials", {
      method: "PUT",
      body: { providerId: "fcm", credentials: { deviceTokens: ["a", "b"] } },
    });
    // No fcm integration exists in this environment, so `_integrationId` (which the SDK requires) is empty.
    expect((await put.json<{ data: Subscriber }>()).data.channels).toEqual([
      { providerId: "fcm", credentials: { deviceTokens: ["a", "b"] }, _integrationId: "" },
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
