import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { database } from "../../src/db/client";
import { channelConnections } from "../../src/db/schema";
import { open } from "../../src/lib/secret-box";
import { api, createTenant } from "./fixtures";

type Server = ReturnType<typeof api>;
type Connection = {
  identifier: string;
  channel: string;
  providerId: string;
  integrationIdentifier: string;
  subscriberId: string | null;
  contextKeys: string[];
  workspace: { id: string; name?: string };
  auth: { accessToken: string };
  createdAt: string;
  updatedAt: string;
};
type Page = { data: Connection[]; next: string | null; previous: string | null; totalCount: number };

const token = "xoxb-very-secret-token-9876";

/** An environment with a Slack integration `slack-prod` and subscribers `alice` and `bob`. */
async function setup(): Promise<Server> {
  const server = api(await createTenant());
  const integration = await server("/v1/integrations", {
    method: "POST",
    body: { providerId: "slack", channel: "chat", identifier: "slack-prod", name: "Slack", active: true },
  });
  expect(integration.status).toBe(201);
  for (const subscriberId of ["alice", "bob"])
    await server("/v2/subscribers", { method: "POST", body: { subscriberId } });
  return server;
}

const connect = (server: Server, body: Record<string, unknown>) =>
  server("/v1/channel-connections", {
    method: "POST",
    body: {
      integrationIdentifier: "slack-prod",
      workspace: { id: "T123", name: "Acme HQ" },
      auth: { accessToken: token },
      ...body,
    },
  });

describe("/v1/channel-connections", () => {
  it("creates a connection with the integration's channel and provider, sealing the token and masking it", async () => {
    const server = await setup();
    const identifier = `conn-${crypto.randomUUID()}`;
    const res = await connect(server, { identifier, subscriberId: "alice" });
    expect(res.status).toBe(201);
    const { data } = await res.json<{ data: Connection }>();
    expect(data).toEqual({
      identifier,
      channel: "chat",
      providerId: "slack",
      integrationIdentifier: "slack-prod",
      subscriberId: "alice",
      contextKeys: [],
      workspace: { id: "T123", name: "Acme HQ" },
      auth: { accessToken: "****9876" },
      createdAt: expect.stringMatching(/Z$/),
      updatedAt: data.createdAt,
    });

    const [stored] = await database(env)
      .select()
      .from(channelConnections)
      .where(eq(channelConnections.identifier, identifier));
    expect(stored?.auth).toMatch(/^v1\./);
    expect(stored?.auth).not.toContain("secret");
    expect(await open(env, stored?.auth ?? "")).toEqual({ accessToken: token });

    const fetched = await server(`/v1/channel-connections/${identifier}`);
    expect(await fetched.json()).toEqual({ data });
    expect(JSON.stringify(await (await server("/v1/channel-connections")).json())).not.toContain("secret");
  });

  it("generates an identifier and resolves (creating) the contexts of the payload", async () => {
    const server = await setup();
    await server("/v2/contexts", {
      method: "POST",
      body: { type: "tenant", id: "acme", data: { keep: true } },
    });
    const res = await connect(server, {
      context: { tenant: "acme", region: { id: "eu", data: { dc: "fra" } } },
      auth: { accessToken: "short" },
    });
    expect(res.status).toBe(201);
    const { data } = await res.json<{ data: Connection }>();
    expect(data.identifier).toMatch(/^chconn-[0-9a-f]{6}$/);
    expect(data).toMatchObject({ subscriberId: null, contextKeys: ["region:eu", "tenant:acme"] });
    expect(data.auth).toEqual({ accessToken: "****" });
    expect(await (await server("/v2/contexts/region/eu")).json()).toMatchObject({ data: { dc: "fra" } });
    expect(await (await server("/v2/contexts/tenant/acme")).json()).toMatchObject({ data: { keep: true } });
  });

  it("allows one connection per integration and resource (409), and unique identifiers (409)", async () => {
    const server = await setup();
    expect((await connect(server, { identifier: "one", subscriberId: "alice" })).status).toBe(201);
    const duplicate = await connect(server, { subscriberId: "alice" });
    expect(duplicate.status).toBe(409);
    expect((await duplicate.json<{ message: string }>()).message).toContain("Connection ID: one");
    // Another resource is another connection; so is the same subscriber within a context.
    expect((await connect(server, { subscriberId: "bob" })).status).toBe(201);
    expect((await connect(server, { subscriberId: "alice", context: { tenant: "acme" } })).status).toBe(201);
    expect((await connect(server, { subscriberId: "alice", context: { tenant: "acme" } })).status).toBe(409);
    const sameId = await connect(server, { identifier: "one", context: { tenant: "other" } });
    expect(sameId.status).toBe(409);
    expect((await sameId.json<{ message: string }>()).message).toContain('identifier "one"');
  });

  it("404s unknown integrations, subscribers and connections; 400 without any resource", async () => {
    const server = await setup();
    const noIntegration = await connect(server, { subscriberId: "alice", integrationIdentifier: "nope" });
    expect(noIntegration.status).toBe(404);
    expect(await noIntegration.json()).toMatchObject({ message: "Integration not found: nope" });
    expect((await connect(server, { subscriberId: "ghost" })).status).toBe(404);
    expect((await connect(server, {})).status).toBe(400);
    expect((await server("/v1/channel-connections/ghost")).status).toBe(404);
    const patch = { workspace: { id: "T1" }, auth: { accessToken: "x" } };
    expect((await server("/v1/channel-connections/ghost", { method: "PATCH", body: patch })).status).toBe(
      404,
    );
    expect((await server("/v1/channel-connections/ghost", { method: "DELETE" })).status).toBe(404);
  });

  it("rejects malformed bodies with 422 field errors", async () => {
    const server = await setup();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ subscriberId: "alice", integrationIdentifier: undefined }, "integrationIdentifier"],
      [{ subscriberId: "alice", workspace: undefined }, "workspace"],
      [{ subscriberId: "alice", workspace: { name: "no id" } }, "workspace.id"],
      [{ subscriberId: "alice", auth: {} }, "auth.accessToken"],
      [{ subscriberId: "alice", auth: { accessToken: 42 } }, "auth.accessToken"],
      [{ subscriberId: 7 }, "subscriberId"],
      [{ context: { "bad type!": "x" } }, "context"],
      [{ context: { a: "1", b: "2", c: "3", d: "4", e: "5", f: "6" } }, "context"],
    ];
    for (const [body, field] of cases) {
      const res = await connect(server, body);
      expect(res.status, field).toBe(422);
      const errors = (await res.json<{ errors: Record<string, unknown> }>()).errors;
      expect(
        Object.keys(errors).some((key) => key.startsWith(field)),
        JSON.stringify(errors),
      ).toBe(true);
    }
    await connect(server, { identifier: "c", subscriberId: "alice" });
    const res = await server("/v1/channel-connections/c", {
      method: "PATCH",
      body: { workspace: { id: "T9" } },
    });
    expect(res.status).toBe(422);
    expect((await server("/v1/channel-connections?channel=fax")).status).toBe(422);
  });

  it("updates the workspace and rotates the token", async () => {
    const server = await setup();
    const c = `rotating-${crypto.randomUUID()}`;
    await connect(server, { identifier: c, subscriberId: "alice" });
    const res = await server(`/v1/channel-connections/${c}`, {
      method: "PATCH",
      body: { workspace: { id: "T999" }, auth: { accessToken: "xoxb-rotated-token-1111" } },
    });
    expect(res.status).toBe(200);
    const { data } = await res.json<{ data: Connection }>();
    expect(data).toMatchObject({
      identifier: c,
      workspace: { id: "T999" },
      auth: { accessToken: "****1111" },
    });
    expect(data.workspace).not.toHaveProperty("name");
    const [stored] = await database(env)
      .select()
      .from(channelConnections)
      .where(eq(channelConnections.identifier, c));
    expect(await open(env, stored?.auth ?? "")).toEqual({ accessToken: "xoxb-rotated-token-1111" });

    const removed = await server(`/v1/channel-connections/${c}`, { method: "DELETE" });
    expect(removed.status).toBe(204);
    expect((await server(`/v1/channel-connections/${c}`)).status).toBe(404);
  });

  it("lists with cursors and filters by subscriber, integration, channel, provider and exact context set", async () => {
    const server = await setup();
    await server("/v1/integrations", {
      method: "POST",
      body: { providerId: "msteams", channel: "chat", identifier: "teams", name: "Teams" },
    });
    await connect(server, { identifier: "a", subscriberId: "alice" });
    await connect(server, {
      identifier: "b",
      subscriberId: "bob",
      context: { tenant: "acme", region: "eu" },
    });
    await connect(server, { identifier: "c", subscriberId: "alice", integrationIdentifier: "teams" });
    await connect(server, { identifier: "d", context: { tenant: "acme" } });

    const ids = async (query: string) =>
      (await (await server(`/v1/channel-connections${query}`)).json<Page>()).data.map((c) => c.identifier);
    expect(await ids("")).toEqual(["d", "c", "b", "a"]);
    expect(await ids("?subscriberId=alice")).toEqual(["c", "a"]);
    expect(await ids("?integrationIdentifier=teams")).toEqual(["c"]);
    expect(await ids("?providerId=slack")).toEqual(["d", "b", "a"]);
    expect(await ids("?channel=chat&orderDirection=ASC")).toEqual(["a", "b", "c", "d"]);
    expect(await ids("?channel=email")).toEqual([]);
    expect(await ids("?contextKeys=region:eu&contextKeys=tenant:acme")).toEqual(["b"]);
    expect(await ids("?contextKeys=tenant:acme")).toEqual(["d"]);
    expect(await ids("?contextKeys=")).toEqual(["c", "a"]);

    const first = await (await server("/v1/channel-connections?limit=3")).json<Page>();
    expect(first).toMatchObject({ totalCount: 4, previous: null, totalCountCapped: false });
    const rest = await (await server(`/v1/channel-connections?limit=3&after=${first.next}`)).json<Page>();
    expect(rest.data.map((c) => c.identifier)).toEqual(["a"]);
    expect(rest.next).toBeNull();
  });

  it("keeps connections, and the integrations they name, within one environment", async () => {
    const server = await setup();
    await connect(server, { identifier: "mine", subscriberId: "alice" });
    const other = api(await createTenant());
    await other("/v2/subscribers", { method: "POST", body: { subscriberId: "alice" } });

    expect((await other("/v1/channel-connections/mine")).status).toBe(404);
    expect((await (await other("/v1/channel-connections")).json<Page>()).totalCount).toBe(0);
    const patch = { workspace: { id: "T1" }, auth: { accessToken: "stolen" } };
    expect((await other("/v1/channel-connections/mine", { method: "PATCH", body: patch })).status).toBe(404);
    expect((await other("/v1/channel-connections/mine", { method: "DELETE" })).status).toBe(404);
    // Another environment's integration identifier does not resolve.
    expect((await connect(other, { subscriberId: "alice" })).status).toBe(404);
    expect((await server("/v1/channel-connections/mine")).status).toBe(200);
  });
});
