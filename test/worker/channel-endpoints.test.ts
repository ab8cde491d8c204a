import { describe, expect, it } from "vitest";
import { api, createTenant } from "./fixtures";

type Server = ReturnType<typeof api>;
type Endpoint = {
  identifier: string;
  channel: string;
  providerId: string;
  integrationIdentifier: string;
  connectionIdentifier: string | null;
  subscriberId: string | null;
  contextKeys: string[];
  type: string;
  endpoint: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
};
type Page = { data: Endpoint[]; next: string | null; previous: string | null; totalCount: number };
type Failure = { statusCode: number; message: string; errors: Record<string, { messages: string[] }> };

/** An environment with Slack (`slack-prod`) and Twilio (`twilio-prod`) integrations and subscriber `alice`. */
async function setup(): Promise<Server> {
  const server = api(await createTenant());
  for (const body of [
    { providerId: "slack", channel: "chat", identifier: "slack-prod", name: "Slack" },
    { providerId: "twilio", channel: "sms", identifier: "twilio-prod", name: "Twilio" },
  ])
    expect((await server("/v1/integrations", { method: "POST", body })).status).toBe(201);
  await server("/v2/subscribers", { method: "POST", body: { subscriberId: "alice" } });
  return server;
}

const create = (server: Server, body: Record<string, unknown>) =>
  server("/v1/channel-endpoints", {
    method: "POST",
    body: { subscriberId: "alice", integrationIdentifier: "slack-prod", ...body },
  });

describe("/v1/channel-endpoints", () => {
  it("creates each endpoint type with its payload and reads it back", async () => {
    const server = await setup();
    const res = await create(server, {
      identifier: "alice-slack",
      type: "slack_channel",
      endpoint: { channelId: "C123" },
    });
    expect(res.status).toBe(201);
    const { data } = await res.json<{ data: Endpoint }>();
    expect(data).toEqual({
      identifier: "alice-slack",
      channel: "chat",
      providerId: "slack",
      integrationIdentifier: "slack-prod",
      connectionIdentifier: null,
      subscriberId: "alice",
      contextKeys: [],
      type: "slack_channel",
      endpoint: { channelId: "C123" },
      createdAt: expect.stringMatching(/Z$/),
      updatedAt: data.createdAt,
    });
    expect(await (await server("/v1/channel-endpoints/alice-slack")).json()).toEqual({ data });

    const shapes: Array<[string, Record<string, unknown>, string?]> = [
      ["slack_user", { userId: "U1" }],
      ["webhook", { url: "https://hooks.example.com/x", channel: "#alerts" }],
      ["webhook", { url: "https://hooks.example.com/y" }],
      ["phone", { phoneNumber: "+15551234567" }, "twilio-prod"],
      ["ms_teams_channel", { teamId: "19:team", channelId: "19:chan" }],
      ["ms_teams_user", { userId: "29:user" }],
    ];
    for (const [type, endpoint, integrationIdentifier] of shapes) {
      const made = await create(server, {
        type,
        endpoint,
        ...(integrationIdentifier ? { integrationIdentifier } : {}),
      });
      expect(made.status, type).toBe(201);
      const body = (await made.json<{ data: Endpoint }>()).data;
      expect(body).toMatchObject({ type, endpoint });
      expect(body.identifier).toMatch(/^chendp_[0-9a-f]{12}$/);
    }
    const phone = await (await server("/v1/channel-endpoints?channel=sms")).json<Page>();
    expect(phone.data).toMatchObject([{ channel: "sms", providerId: "twilio", type: "phone" }]);
  });

  it("validates the endpoint against its type, and phone numbers as E.164", async () => {
    const server = await setup();
    const bad: Array<[Record<string, unknown>, string]> = [
      [{ type: "slack_channel", endpoint: { userId: "U1" } }, "endpoint.channelId"],
      [{ type: "phone", endpoint: { phoneNumber: "5551234567" } }, "endpoint.phoneNumber"],
      [{ type: "phone", endpoint: { phoneNumber: "+0123" } }, "endpoint.phoneNumber"],
      [{ type: "webhook", endpoint: { url: "not a url" } }, "endpoint.url"],
      [{ type: "webhook", endpoint: { url: "ftp://example.com" } }, "endpoint.url"],
      [{ type: "ms_teams_channel", endpoint: { channelId: "c" } }, "endpoint.teamId"],
      [{ type: "carrier_pigeon", endpoint: {} }, "type"],
      [{ endpoint: { channelId: "C1" } }, "type"],
      [{ type: "slack_user" }, "endpoint"],
      [{ type: "slack_user", endpoint: { userId: "U1" }, subscriberId: undefined }, "subscriberId"],
      [{ type: "slack_user", endpoint: { userId: "U1" }, integrationIdentifier: 3 }, "integrationIdentifier"],
      [{ type: "slack_user", endpoint: { userId: "U1" }, context: { tenant: 5 } }, "context"],
    ];
    for (const [body, field] of bad) {
      const res = await create(server, body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      const { errors } = await res.json<Failure>();
      expect(
        Object.keys(errors).some((key) => key.startsWith(field)),
        JSON.stringify(errors),
      ).toBe(true);
    }
    expect((await server("/v1/channel-endpoints?limit=101")).status).toBe(422);
  });

  it("updates the payload only within the existing type", async () => {
    const server = await setup();
    await create(server, { identifier: "p", type: "phone", endpoint: { phoneNumber: "+15550000001" } });
    const ok = await server("/v1/channel-endpoints/p", {
      method: "PATCH",
      body: { endpoint: { phoneNumber: "+447700900123", extra: "dropped" } },
    });
    expect(ok.status).toBe(200);
    expect((await ok.json<{ data: Endpoint }>()).data).toMatchObject({
      type: "phone",
      endpoint: { phoneNumber: "+447700900123" },
    });
    expect(
      (await (await server("/v1/channel-endpoints/p")).json<{ data: Endpoint }>()).data.endpoint,
    ).toEqual({
      phoneNumber: "+447700900123",
    });

    const otherType = await server("/v1/channel-endpoints/p", {
      method: "PATCH",
      body: { endpoint: { channelId: "C1" } },
    });
    expect(otherType.status).toBe(422);
    expect((await otherType.json<Failure>()).errors).toHaveProperty(["endpoint.phoneNumber"]);
    const notE164 = await server("/v1/channel-endpoints/p", {
      method: "PATCH",
      body: { endpoint: { phoneNumber: "12" } },
    });
    expect(notE164.status).toBe(422);
    expect((await server("/v1/channel-endpoints/p", { method: "PATCH", body: {} })).status).toBe(422);
    expect(
      (await server("/v1/channel-endpoints/p", { method: "PATCH", body: { endpoint: "x" } })).status,
    ).toBe(422);
    const ghost = await server("/v1/channel-endpoints/ghost", {
      method: "PATCH",
      body: { endpoint: { userId: "U" } },
    });
    expect(ghost.status).toBe(404);
  });

  it("404s unknown integrations, connections, subscribers and endpoints; 409s a taken identifier", async () => {
    const server = await setup();
    const slack = { type: "slack_user", endpoint: { userId: "U1" } };
    const noIntegration = await create(server, { ...slack, integrationIdentifier: "nope" });
    expect(noIntegration.status).toBe(404);
    expect((await noIntegration.json<Failure>()).message).toBe("Integration not found: nope");
    const noConnection = await create(server, { ...slack, connectionIdentifier: "nope" });
    expect(noConnection.status).toBe(404);
    expect((await noConnection.json<Failure>()).message).toBe("Channel connection not found: nope");
    const noSubscriber = await create(server, { ...slack, subscriberId: "ghost" });
    expect(noSubscriber.status).toBe(404);
    expect((await noSubscriber.json<Failure>()).message).toBe("Subscriber not found: ghost");
    expect((await server("/v1/channel-endpoints/ghost")).status).toBe(404);
    expect((await server("/v1/channel-endpoints/ghost", { method: "DELETE" })).status).toBe(404);

    expect((await create(server, { ...slack, identifier: "taken" })).status).toBe(201);
    const taken = await create(server, { ...slack, identifier: "taken" });
    expect(taken.status).toBe(409);
    expect((await taken.json<Failure>()).message).toContain('"taken" already exists');

    const removed = await server("/v1/channel-endpoints/taken", { method: "DELETE" });
    expect(removed.status).toBe(204);
    expect((await server("/v1/channel-endpoints/taken")).status).toBe(404);
  });

  it("links a connection of the same integration, creates missing subscribers on request, and keeps contexts", async () => {
    const server = await setup();
    await server("/v1/channel-connections", {
      method: "POST",
      body: {
        identifier: "ws",
        integrationIdentifier: "slack-prod",
        subscriberId: "alice",
        workspace: { id: "T1" },
        auth: { accessToken: "xoxb-token" },
      },
    });
    const linked = await create(server, {
      type: "slack_user",
      endpoint: { userId: "U1" },
      connectionIdentifier: "ws",
      context: { tenant: "acme" },
    });
    expect((await linked.json<{ data: Endpoint }>()).data).toMatchObject({
      connectionIdentifier: "ws",
      contextKeys: ["tenant:acme"],
    });
    // The connection must belong to the endpoint's integration.
    const mismatched = await create(server, {
      type: "phone",
      endpoint: { phoneNumber: "+15550000002" },
      integrationIdentifier: "twilio-prod",
      connectionIdentifier: "ws",
    });
    expect(mismatched.status).toBe(404);

    const fresh = await create(server, {
      type: "slack_user",
      endpoint: { userId: "U2" },
      subscriberId: "newcomer",
      createSubscriberIfMissing: true,
    });
    expect(fresh.status).toBe(201);
    expect((await server("/v2/subscribers/newcomer")).status).toBe(200);
  });

  it("lists with cursors and filters", async () => {
    const server = await setup();
    await server("/v2/subscribers", { method: "POST", body: { subscriberId: "bob" } });
    await create(server, { identifier: "e1", type: "slack_user", endpoint: { userId: "U1" } });
    await create(server, {
      identifier: "e2",
      type: "slack_user",
      endpoint: { userId: "U2" },
      subscriberId: "bob",
    });
    await create(server, {
      identifier: "e3",
      type: "phone",
      endpoint: { phoneNumber: "+15550000003" },
      integrationIdentifier: "twilio-prod",
      context: { tenant: "acme" },
    });

    const ids = async (query: string) =>
      (await (await server(`/v1/channel-endpoints${query}`)).json<Page>()).data.map((e) => e.identifier);
    expect(await ids("")).toEqual(["e3", "e2", "e1"]);
    expect(await ids("?subscriberId=alice")).toEqual(["e3", "e1"]);
    expect(await ids("?integrationIdentifier=slack-prod&orderDirection=ASC")).toEqual(["e1", "e2"]);
    expect(await ids("?providerId=twilio")).toEqual(["e3"]);
    expect(await ids("?contextKeys=tenant:acme")).toEqual(["e3"]);
    expect(await ids("?connectionIdentifier=none")).toEqual([]);

    const first = await (await server("/v1/channel-endpoints?limit=2")).json<Page>();
    expect(first).toMatchObject({ totalCount: 3, previous: null });
    const second = await (await server(`/v1/channel-endpoints?limit=2&after=${first.next}`)).json<Page>();
    expect(second.data.map((e) => e.identifier)).toEqual(["e1"]);
    expect(second).toMatchObject({ next: null, previous: expect.any(String) });
  });

  it("keeps endpoints within one environment", async () => {
    const server = await setup();
    await create(server, { identifier: "private", type: "slack_user", endpoint: { userId: "U1" } });
    const other = api(await createTenant());
    await other("/v2/subscribers", { method: "POST", body: { subscriberId: "alice" } });

    expect((await other("/v1/channel-endpoints/private")).status).toBe(404);
    expect((await (await other("/v1/channel-endpoints")).json<Page>()).totalCount).toBe(0);
    const patch = { endpoint: { userId: "U-evil" } };
    expect((await other("/v1/channel-endpoints/private", { method: "PATCH", body: patch })).status).toBe(404);
    expect((await other("/v1/channel-endpoints/private", { method: "DELETE" })).status).toBe(404);
    expect((await create(other, { type: "slack_user", endpoint: { userId: "U1" } })).status).toBe(404);
    expect(await (await server("/v1/channel-endpoints/private")).json()).toMatchObject({
      data: { endpoint: { userId: "U1" } },
    });
  });
});
