import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { deliverInboundToAgent, findAgentById } from "../../src/agents/agent-inbound";
import type { Tenant } from "../../src/app-env";
import { database } from "../../src/db/client";
import { agentConversationEntries, agentConversations, messages } from "../../src/db/schema";
import {
  api,
  createTenant,
  inAppWorkflow,
  openInbox,
  providerPath,
  sdk,
  sendgridIntegration,
  type TestTenant,
} from "./fixtures";

type Agent = {
  _id: string;
  identifier: string;
  name: string;
  description?: string;
  active: boolean;
  behavior: { acknowledgeOnReceived: boolean; reactionOnResolved: string | null; subscriberAccess: string };
  bridgeUrl?: string;
  devBridgeUrl?: string;
  devBridgeActive: boolean;
  runtime: string;
  _environmentId: string;
  _organizationId: string;
  createdAt: string;
  updatedAt: string;
  integrations: Array<{ integrationId: string; identifier: string; providerId: string; channel: string }>;
};
type Link = {
  _id: string;
  _agentId: string;
  integration: { _id: string; identifier: string; providerId: string; channel: string; active: boolean };
  connectedAt: null;
};
type Page<T> = {
  data: T[];
  next: string | null;
  previous: string | null;
  totalCount: number;
  totalCountCapped: boolean;
};
type ErrorBody = { statusCode: number; message: string; errors?: Record<string, { messages: string[] }> };
type BridgeBody = {
  event: string;
  agentId: string;
  conversationId: string;
  integrationIdentifier: string;
  replyUrl: string;
  message: { text: string; author: { userId: string; fullName: string } } | null;
  conversation: {
    identifier: string;
    status: string;
    metadata: Record<string, unknown>;
    messageCount: number;
  };
  subscriber: { subscriberId: string; email?: string } | null;
  subscriberAccess: string;
  history: Array<{ role: string; type: string; content: string }>;
  platform: string;
  platformContext: { threadId: string; channelId: string; message?: { subject: string; html?: string } };
};

const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const tenantOf = (t: TestTenant): Tenant => ({
  id: t.environmentId,
  organizationId: t.organizationId,
  name: "Development",
  type: "dev",
  identifier: t.applicationIdentifier,
  workflowsRevision: Number.NaN,
  subscribersRevision: Number.NaN,
});

async function createAgent(server: ReturnType<typeof api>, body: Record<string, unknown>) {
  const res = await server("/v1/agents", { method: "POST", body });
  expect(res.status).toBe(201);
  return (await res.json<{ data: Agent }>()).data;
}

/** HMAC-SHA256 computed here, independently of the platform's signing code. */
async function expectedSignature(secret: string, header: string, body: string) {
  const [t] = /t=(\d+)/.exec(header)?.slice(1) ?? [];
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const mac = await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(`${t}.${body}`));
  return `t=${t},v1=${[...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, "0")).join("")}`;
}

/** A tenant with an active SendGrid integration, and an agent whose bridge is a path on the recording server. */
async function agentSetup(bridgeAnswers = [{ status: 200, body: '{"status":"ack"}' }]) {
  const tenant = await createTenant();
  const server = api(tenant);
  const sendgrid = await sendgridIntegration(server, "agent-mail");
  await sendgrid.script("/v3/mail/send", [
    { status: 202, headers: { "x-message-id": "sg-1" } },
    { status: 202 },
  ]);
  const bridge = providerPath("agent-bridge");
  await bridge.script("/api/novu", bridgeAnswers);
  const agent = await createAgent(server, { name: "Support", identifier: "support" });
  const bridged = await server("/v1/agents/support/bridge", {
    method: "PUT",
    body: { bridgeUrl: `${bridge.baseUrl}/api/novu` },
  });
  expect(bridged.status).toBe(200);
  const integrations = await (await server("/v1/integrations")).json<{
    data: Array<{ identifier: string }>;
  }>();
  const integrationIdentifier = integrations.data[0]?.identifier ?? "";
  const linked = await server("/v1/agents/support/integrations", {
    method: "POST",
    body: { integrationIdentifier },
  });
  expect(linked.status).toBe(201);
  const inbound = (text: string, options: { subject?: string; from?: string; dryRun?: boolean } = {}) =>
    deliverInboundToAgent(env, database(env), tenantOf(tenant), {
      agentId: agent._id,
      channel: "email",
      from: { address: options.from ?? "Ada@Example.com", name: "Ada" },
      to: "support@mail.acme.io",
      subject: options.subject ?? "Order 42",
      text,
      html: `<p>${text}</p>`,
      dryRun: options.dryRun ?? false,
    });
  const bridgeBodies = async () =>
    (await bridge.requests()).map((r) => ({ ...r, json: JSON.parse(r.body) as BridgeBody }));
  return { tenant, server, sendgrid, bridge, agent, integrationIdentifier, inbound, bridgeBodies };
}

/**
 * Proves that nothing else was mailed: a reply sent now through the same queue arrives, and it is the only mail.
 * Jobs leave the queue in order, so an earlier job would have been delivered before it.
 */
async function expectOnlyMail(setup: Awaited<ReturnType<typeof agentSetup>>, conversationId: string) {
  await sdk(setup.tenant).agents.sendReply(
    { conversationId, integrationIdentifier: setup.integrationIdentifier, reply: { markdown: "marker" } },
    "support",
  );
  await vi.waitFor(async () => expect((await setup.sendgrid.requests()).length).toBeGreaterThan(0), {
    timeout: 10_000,
  });
  const mails = await setup.sendgrid.requests();
  expect(mails.map((m) => JSON.parse(m.body).content[0].value)).toEqual(["<p>marker</p>"]);
}

const conversationRow = async (id: string) =>
  (await database(env).select().from(agentConversations).where(eq(agentConversations.id, id)))[0];

describe("/v1/agents", () => {
  it("creates (201, wrapped), retrieves, updates, sets the bridge and deletes an agent", async () => {
    const tenant = await createTenant();
    const server = api(tenant);
    const created = await createAgent(server, {
      name: "Support",
      identifier: "support.bot-1",
      description: "Helps",
    });
    expect(created).toEqual({
      _id: expect.stringMatching(/^[0-9a-f]{24}$/),
      name: "Support",
      identifier: "support.bot-1",
      description: "Helps",
      active: true,
      behavior: { acknowledgeOnReceived: true, reactionOnResolved: null, subscriberAccess: "restricted" },
      devBridgeActive: false,
      runtime: "self-hosted",
      visibility: "public",
      _environmentId: tenant.environmentId,
      _organizationId: tenant.organizationId,
      createdAt: expect.stringMatching(iso),
      updatedAt: expect.stringMatching(iso),
      integrations: [],
    });
    expect((await (await server("/v1/agents/support.bot-1")).json<{ data: Agent }>()).data).toEqual(created);

    const patched = await server("/v1/agents/support.bot-1", {
      method: "PATCH",
      body: { name: "Helpdesk", active: false, behavior: { subscriberAccess: "open" } },
    });
    expect(patched.status).toBe(200);
    const updated = (await patched.json<{ data: Agent }>()).data;
    expect(updated).toMatchObject({
      name: "Helpdesk",
      description: "Helps",
      active: false,
      behavior: { acknowledgeOnReceived: true, reactionOnResolved: null, subscriberAccess: "open" },
    });

    const bridged = await server("/v1/agents/support.bot-1/bridge", {
      method: "PUT",
      body: { bridgeUrl: "https://bot.acme.io/api/novu", devBridgeUrl: "http://localhost:4000/api/novu" },
    });
    expect((await bridged.json<{ data: Agent }>()).data).toMatchObject({
      bridgeUrl: "https://bot.acme.io/api/novu",
      devBridgeUrl: "http://localhost:4000/api/novu",
      devBridgeActive: false,
      name: "Helpdesk",
    });

    const removed = await server("/v1/agents/support.bot-1", { method: "DELETE" });
    expect(removed.status).toBe(204);
    expect(await removed.text()).toBe("");
    expect((await server("/v1/agents/support.bot-1")).status).toBe(404);
    expect((await server("/v1/agents/support.bot-1", { method: "DELETE" })).status).toBe(404);
  });

  it("answers 409 for an identifier taken in the environment, not for one taken elsewhere", async () => {
    const server = api(await createTenant());
    await createAgent(server, { name: "A", identifier: "dup" });
    const again = await server("/v1/agents", { method: "POST", body: { name: "B", identifier: "dup" } });
    expect(again.status).toBe(409);
    expect(await again.json<ErrorBody>()).toMatchObject({
      statusCode: 409,
      message: 'An agent with identifier "dup" already exists in this environment.',
    });
    await createAgent(api(await createTenant()), { name: "B", identifier: "dup" });
  });

  it("pages with cursors (newest first by default) and filters by part of the identifier", async () => {
    const server = api(await createTenant());
    for (const identifier of ["alpha", "beta", "gamma-bot"])
      await createAgent(server, { name: identifier, identifier });
    const first = await (await server("/v1/agents?limit=2")).json<Page<Agent>>();
    expect(first.data.map((a) => a.identifier)).toEqual(["gamma-bot", "beta"]);
    expect(first).toMatchObject({ previous: null, totalCount: 3, totalCountCapped: false });
    const second = await (await server(`/v1/agents?limit=2&after=${first.next}`)).json<Page<Agent>>();
    expect(second.data.map((a) => a.identifier)).toEqual(["alpha"]);
    expect(second.next).toBeNull();
    const back = await (await server(`/v1/agents?limit=2&before=${second.previous}`)).json<Page<Agent>>();
    expect(back.data.map((a) => a.identifier)).toEqual(["gamma-bot", "beta"]);
    const asc = await (await server("/v1/agents?orderDirection=ASC&orderBy=createdAt")).json<Page<Agent>>();
    expect(asc.data.map((a) => a.identifier)).toEqual(["alpha", "beta", "gamma-bot"]);
    const filtered = await (await server("/v1/agents?identifier=BOT")).json<Page<Agent>>();
    expect(filtered.data.map((a) => a.identifier)).toEqual(["gamma-bot"]);
    expect((await server(`/v1/agents?after=${first.next}&before=${first.next}`)).status).toBe(400);
  });

  it("refuses bad input in Novu's error shape and changes nothing", async () => {
    const server = api(await createTenant());
    const invalid = async (path: string, method: string, body: unknown, field: string) => {
      const res = await server(path, { method, body });
      expect(res.status).toBe(422);
      const error = await res.json<ErrorBody>();
      expect(error).toMatchObject({ statusCode: 422, message: "Validation Error" });
      expect(Object.keys(error.errors ?? {})).toContain(field);
    };
    await invalid("/v1/agents", "POST", { name: "X", identifier: "has space" }, "identifier");
    await invalid("/v1/agents", "POST", { identifier: "x" }, "name");
    await invalid("/v1/agents", "POST", { name: "X", identifier: "x", active: "yes" }, "active");
    await createAgent(server, { name: "X", identifier: "x" });
    await invalid(
      "/v1/agents/x",
      "PATCH",
      { behavior: { subscriberAccess: "everyone" } },
      "behavior.subscriberAccess",
    );
    await invalid("/v1/agents/x/bridge", "PUT", { bridgeUrl: "not a url" }, "bridgeUrl");
    await invalid("/v1/agents/x/bridge", "PUT", { bridgeUrl: "ftp://acme.io/bridge" }, "bridgeUrl");
    const empty = await server("/v1/agents/x", { method: "PATCH", body: {} });
    expect(empty.status).toBe(400);
    expect(await empty.json<ErrorBody>()).toMatchObject({ message: "At least one field must be provided." });
    const malformed = await server("/v1/agents", { method: "POST", rawBody: "{" });
    expect(malformed.status).toBeGreaterThanOrEqual(400);
    expect(malformed.status).toBeLessThan(500);
    const managed = await server("/v1/agents", {
      method: "POST",
      body: { name: "M", identifier: "m", runtime: "managed", managedRuntime: { providerId: "anthropic" } },
    });
    expect(managed.status).toBe(400);
    expect((await server("/v1/agents/m")).status).toBe(404);
    const agent = (await (await server("/v1/agents/x")).json<{ data: Agent }>()).data;
    expect(agent).toMatchObject({ name: "X", behavior: { subscriberAccess: "restricted" } });
    expect(agent.bridgeUrl).toBeUndefined();
  });

  it("keeps name, description, behaviour and dev bridges of production agents as Novu does", async () => {
    const server = api(await createTenant("prod"));
    await createAgent(server, { name: "Prod", identifier: "prod-bot" });
    for (const body of [
      { name: "Renamed" },
      { description: "d" },
      { behavior: { acknowledgeOnReceived: false } },
    ]) {
      expect((await server("/v1/agents/prod-bot", { method: "PATCH", body })).status).toBe(403);
    }
    const dev = await server("/v1/agents/prod-bot/bridge", {
      method: "PUT",
      body: { devBridgeActive: true },
    });
    expect(dev.status).toBe(403);
    expect(await dev.json<ErrorBody>()).toMatchObject({
      statusCode: 403,
      message: "Dev bridge settings cannot be modified in production environments.",
    });
    const allowed = await server("/v1/agents/prod-bot", {
      method: "PATCH",
      body: { active: false, bridgeUrl: "https://bot.acme.io/api/novu" },
    });
    expect((await allowed.json<{ data: Agent }>()).data).toMatchObject({ name: "Prod", active: false });
  });

  it("never lets another environment's key see or change an agent", async () => {
    const owner = api(await createTenant());
    const other = api(await createTenant());
    await createAgent(owner, { name: "Mine", identifier: "mine" });
    expect((await other("/v1/agents/mine")).status).toBe(404);
    expect((await other("/v1/agents/mine", { method: "PATCH", body: { name: "Stolen" } })).status).toBe(404);
    expect(
      (await other("/v1/agents/mine/bridge", { method: "PUT", body: { bridgeUrl: "https://evil.io" } }))
        .status,
    ).toBe(404);
    expect((await other("/v1/agents/mine", { method: "DELETE" })).status).toBe(404);
    expect((await other("/v1/agents/mine/integrations")).status).toBe(404);
    expect((await (await other("/v1/agents")).json<Page<Agent>>()).data).toEqual([]);
    const mine = (await (await owner("/v1/agents/mine")).json<{ data: Agent }>()).data;
    expect(mine).toMatchObject({ name: "Mine" });
    expect(mine.bridgeUrl).toBeUndefined();
    expect((await other("/v1/agents/mine", { headers: { authorization: "ApiKey wrong" } })).status).toBe(401);
  });
});

describe("/v1/agents/{identifier}/integrations", () => {
  async function withIntegrations() {
    const tenant = await createTenant();
    const server = api(tenant);
    const make = async (identifier: string, providerId: string, channel: string) => {
      const res = await server("/v1/integrations", {
        method: "POST",
        body: { providerId, channel, identifier, active: true, credentials: { apiKey: "k" } },
      });
      expect(res.status).toBe(201);
    };
    await make("mail-main", "sendgrid", "email");
    await make("mail-backup", "resend", "email");
    await make("team-slack", "slack", "chat");
    await createAgent(server, { name: "Support", identifier: "support" });
    return { tenant, server };
  }

  it("links existing integrations, lists, repoints and removes links", async () => {
    const { tenant, server } = await withIntegrations();
    const res = await server("/v1/agents/support/integrations", {
      method: "POST",
      body: { integrationIdentifier: "mail-main" },
    });
    expect(res.status).toBe(201);
    const link = (await res.json<{ data: Link }>()).data;
    expect(link).toMatchObject({
      _id: expect.stringMatching(/^[0-9a-f]{24}$/),
      integration: { identifier: "mail-main", providerId: "sendgrid", channel: "email", active: true },
      _environmentId: tenant.environmentId,
      connectedAt: null,
    });
    const agent = (await (await server("/v1/agents/support")).json<{ data: Agent }>()).data;
    expect(link._agentId).toBe(agent._id);
    expect(agent.integrations).toEqual([
      expect.objectContaining({
        integrationId: link.integration._id,
        identifier: "mail-main",
        channel: "email",
      }),
    ]);

    await server("/v1/agents/support/integrations", {
      method: "POST",
      body: { integrationIdentifier: "team-slack" },
    });
    const page = await (await server("/v1/agents/support/integrations?limit=1")).json<Page<Link>>();
    expect(page).toMatchObject({ totalCount: 2, previous: null });
    expect(page.data.map((l) => l.integration.identifier)).toEqual(["team-slack"]);
    const rest = await (await server(`/v1/agents/support/integrations?limit=1&after=${page.next}`)).json<
      Page<Link>
    >();
    expect(rest.data.map((l) => l.integration.identifier)).toEqual(["mail-main"]);
    const filtered = await (
      await server("/v1/agents/support/integrations?integrationIdentifier=mail-main")
    ).json<Page<Link>>();
    expect(filtered.data.map((l) => l._id)).toEqual([link._id]);
    const none = await (await server("/v1/agents/support/integrations?integrationIdentifier=ghost")).json<
      Page<Link>
    >();
    expect(none).toEqual({ data: [], next: null, previous: null, totalCount: 0, totalCountCapped: false });

    const moved = await server(`/v1/agents/support/integrations/${link._id}`, {
      method: "PATCH",
      body: { integrationIdentifier: "mail-backup" },
    });
    expect(moved.status).toBe(200);
    expect((await moved.json<{ data: Link }>()).data).toMatchObject({
      _id: link._id,
      integration: { identifier: "mail-backup", providerId: "resend" },
    });
    const clash = await server(`/v1/agents/support/integrations/${link._id}`, {
      method: "PATCH",
      body: { integrationIdentifier: "team-slack" },
    });
    expect(clash.status).toBe(409);

    const removed = await server(`/v1/agents/support/integrations/${link._id}`, { method: "DELETE" });
    expect(removed.status).toBe(204);
    expect((await server(`/v1/agents/support/integrations/${link._id}`, { method: "DELETE" })).status).toBe(
      404,
    );
    expect((await (await server("/v1/agents/support/integrations")).json<Page<Link>>()).totalCount).toBe(1);
  });

  it("refuses unknown integrations, duplicates, unknown links and other environments' agents", async () => {
    const { server } = await withIntegrations();
    const unknown = await server("/v1/agents/support/integrations", {
      method: "POST",
      body: { integrationIdentifier: "ghost" },
    });
    expect(unknown.status).toBe(404);
    expect(await unknown.json<ErrorBody>()).toMatchObject({
      message: 'Integration with identifier "ghost" was not found.',
    });
    const body = { integrationIdentifier: "mail-main" };
    expect((await server("/v1/agents/support/integrations", { method: "POST", body })).status).toBe(201);
    const duplicate = await server("/v1/agents/support/integrations", { method: "POST", body });
    expect(duplicate.status).toBe(409);
    expect(await duplicate.json<ErrorBody>()).toMatchObject({
      message: "This integration is already linked to the agent.",
    });
    expect((await server("/v1/agents/ghost/integrations", { method: "POST", body })).status).toBe(404);
    expect((await server("/v1/agents/support/integrations", { method: "POST", body: {} })).status).toBe(422);
    expect(
      (
        await server("/v1/agents/support/integrations", {
          method: "POST",
          body: { integrationIdentifier: 7 },
        })
      ).status,
    ).toBe(422);
    const hosted = await server("/v1/agents/support/integrations", {
      method: "POST",
      body: { providerId: "novu-agent-email" },
    });
    expect(hosted.status).toBe(400);
    const ghostLink = "0123456789abcdef01234567";
    expect(
      (await server(`/v1/agents/support/integrations/${ghostLink}`, { method: "PATCH", body })).status,
    ).toBe(404);

    const other = api(await createTenant());
    await createAgent(other, { name: "Support", identifier: "support" });
    // The other environment has no integration "mail-main": its own agent cannot link ours.
    expect((await other("/v1/agents/support/integrations", { method: "POST", body })).status).toBe(404);
    expect((await (await server("/v1/agents/support/integrations")).json<Page<Link>>()).totalCount).toBe(1);
  });

  it("drops a link when its integration is deleted", async () => {
    const { server } = await withIntegrations();
    await server("/v1/agents/support/integrations", {
      method: "POST",
      body: { integrationIdentifier: "team-slack" },
    });
    const integrations = await (await server("/v1/integrations")).json<{
      data: Array<{ _id: string; identifier: string }>;
    }>();
    const slack = integrations.data.find((i) => i.identifier === "team-slack");
    expect((await server(`/v1/integrations/${slack?._id}`, { method: "DELETE" })).status).toBe(200);
    expect((await (await server("/v1/agents/support/integrations")).json<Page<Link>>()).data).toEqual([]);
  });
});

describe("inbound email → agent bridge → reply by email", { timeout: 30_000 }, () => {
  it("posts the signed onMessage event and returns the bridge's answer", async () => {
    const setup = await agentSetup();
    expect(await findAgentById(database(env), setup.tenant.environmentId, setup.agent._id)).toMatchObject({
      identifier: "support",
    });
    expect(
      await findAgentById(database(env), (await createTenant()).environmentId, setup.agent._id),
    ).toBeUndefined();

    const result = await setup.inbound("Where is my order?");
    expect(result).toEqual({
      agentId: setup.agent._id,
      httpStatus: 200,
      agentReply: { status: "ack" },
      latencyMs: expect.any(Number),
    });
    const [request] = await setup.bridgeBodies();
    expect(request?.method).toBe("POST");
    expect(request?.path).toMatch(/\/api\/novu\?action=agent-event&agentId=support&event=onMessage$/);
    expect(request?.headers["content-type"]).toBe("application/json");
    expect(request?.headers["novu-signature"]).toBe(
      await expectedSignature(
        setup.tenant.secretKey,
        request?.headers["novu-signature"] ?? "",
        request?.body ?? "",
      ),
    );
    const body = request?.json;
    expect(body).toMatchObject({
      version: 1,
      event: "onMessage",
      agentId: "support",
      replyUrl: "http://api.test/v1/agents/support/reply",
      integrationIdentifier: setup.integrationIdentifier,
      message: {
        text: "Where is my order?",
        author: { userId: "ada@example.com", fullName: "Ada", userName: "ada@example.com", isBot: false },
      },
      conversation: { status: "active", metadata: {}, messageCount: 1 },
      subscriber: null,
      subscriberAccess: "restricted",
      history: [{ role: "user", type: "message", content: "Where is my order?" }],
      platform: "email",
      platformContext: {
        channelId: "support@mail.acme.io",
        isDM: true,
        message: { subject: "Order 42", html: "<p>Where is my order?</p>" },
      },
      action: null,
      reaction: null,
    });
    expect(body?.conversation.identifier).toBe(body?.conversationId);

    await setup.inbound("Any news?", { subject: "RE: Order 42" });
    const second = (await setup.bridgeBodies())[1]?.json;
    expect(second?.conversationId).toBe(body?.conversationId);
    expect(second?.conversation.messageCount).toBe(2);
    expect(second?.history.map((h) => h.content)).toEqual(["Where is my order?", "Any news?"]);

    await setup.inbound("Other topic", { subject: "Invoice" });
    expect((await setup.bridgeBodies())[2]?.json.conversationId).not.toBe(body?.conversationId);
  });

  it("mails the agent's Markdown reply to the sender through the environment's email integration", async () => {
    const setup = await agentSetup();
    await setup.inbound("Where is my order?");
    const conversationId = (await setup.bridgeBodies())[0]?.json.conversationId ?? "";
    const { result } = await sdk(setup.tenant).agents.sendReply(
      {
        conversationId,
        integrationIdentifier: setup.integrationIdentifier,
        reply: { markdown: "**Shipped** today, see [tracking](https://track.acme.io/a_b_c)." },
      },
      "support",
    );
    expect(result).toEqual({
      messageId: expect.stringMatching(/^[0-9a-f]{24}$/),
      platformThreadId: conversationId,
    });

    await vi.waitFor(async () => expect(await setup.sendgrid.requests()).toHaveLength(1), {
      timeout: 10_000,
    });
    const [mail] = await setup.sendgrid.requests();
    expect(JSON.parse(mail?.body ?? "")).toMatchObject({
      personalizations: [{ to: [{ email: "ada@example.com" }] }],
      from: { email: "f@acme.io" },
      subject: "Re: Order 42",
      content: [
        {
          type: "text/html",
          value:
            '<p><strong>Shipped</strong> today, see <a href="https://track.acme.io/a_b_c">tracking</a>.</p>',
        },
      ],
    });
    await vi.waitFor(
      async () => {
        const [row] = await database(env).select().from(messages).where(eq(messages.id, result.messageId));
        expect(row).toMatchObject({ status: "sent", channel: "email", transactionId: conversationId });
      },
      { timeout: 10_000 },
    );
    const conversation = await conversationRow(conversationId);
    expect(conversation).toMatchObject({ status: "active", messageCount: 2 });

    await setup.inbound("Thanks!");
    const next = (await setup.bridgeBodies())[1]?.json;
    expect(next?.history.map((h) => [h.role, h.content])).toEqual([
      ["user", "Where is my order?"],
      ["assistant", "**Shipped** today, see [tracking](https://track.acme.io/a_b_c)."],
      ["user", "Thanks!"],
    ]);
  });

  it("resolves the conversation, tells the bridge onResolve, and reopens the thread on new mail", async () => {
    const setup = await agentSetup([
      { status: 200, body: '{"status":"ack"}' },
      { status: 200, body: "{}" },
      { status: 200, body: '{"status":"ack"}' },
    ]);
    await setup.inbound("Cancel my order");
    const conversationId = (await setup.bridgeBodies())[0]?.json.conversationId ?? "";
    // Raw, as the bridge sends it: @novu/api types a metadata value as `{}` and strips whatever it holds.
    const res = await setup.server("/v1/agents/support/reply", {
      method: "POST",
      body: {
        conversationId,
        integrationIdentifier: setup.integrationIdentifier,
        reply: { markdown: "Done." },
        resolve: { summary: "Order cancelled" },
        signals: [
          { type: "metadata", action: "set", key: "orderId", value: "42" },
          { type: "metadata", key: "crm:ticket", value: { id: 7 } },
          { type: "metadata", action: "delete", key: "crm:ticket" },
        ],
      },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      data: { messageId: expect.any(String), platformThreadId: conversationId },
    });
    expect(await conversationRow(conversationId)).toMatchObject({
      status: "resolved",
      summary: "Order cancelled",
      metadata: { orderId: "42" },
    });
    await vi.waitFor(async () => expect(await setup.bridgeBodies()).toHaveLength(2), { timeout: 10_000 });
    const resolved = (await setup.bridgeBodies())[1];
    expect(resolved?.path).toMatch(/event=onResolve$/);
    expect(resolved?.json).toMatchObject({
      event: "onResolve",
      conversationId,
      message: null,
      conversation: { status: "resolved", metadata: { orderId: "42" } },
    });
    expect(resolved?.json.history.at(-1)).toMatchObject({
      role: "system",
      type: "signal",
      content: "Order cancelled",
    });

    await setup.inbound("One more thing", { subject: "Re: Order 42" });
    const reopened = (await setup.bridgeBodies())[2]?.json;
    expect(reopened?.conversationId).toBe(conversationId);
    expect(reopened?.conversation).toMatchObject({ status: "active", metadata: { orderId: "42" } });
  });

  it("applies what email can carry and accepts the rest without sending it", async () => {
    const setup = await agentSetup();
    await setup.inbound("Hello");
    const conversationId = (await setup.bridgeBodies())[0]?.json.conversationId ?? "";
    const novu = sdk(setup.tenant);
    const base = { conversationId, integrationIdentifier: setup.integrationIdentifier };

    const card = await novu.agents.sendReply(
      {
        ...base,
        reply: {
          card: {
            type: "card",
            title: "Your order",
            children: [
              { type: "text", content: "It ships <today>." },
              { type: "fields", children: [{ type: "field", label: "Total", value: "12 €" }] },
              { type: "actions", children: [{ type: "button", id: "ok", label: "OK" }] },
            ],
          },
        },
      },
      "support",
    );
    await vi.waitFor(async () => expect(await setup.sendgrid.requests()).toHaveLength(1), {
      timeout: 10_000,
    });
    const html = JSON.parse((await setup.sendgrid.requests())[0]?.body ?? "").content[0].value as string;
    expect(html).toBe(
      "<p><strong>Your order</strong></p>\n<p>It ships &lt;today&gt;.</p>\n<p><strong>Total:</strong> 12 €</p>",
    );

    const quiet = await novu.agents.sendReply(
      {
        ...base,
        typing: { status: "Thinking" },
        addReactions: [{ messageId: card.result.messageId, emojiName: "eyes" }],
        deleteMessages: [{ messageId: card.result.messageId }],
        toolResults: [{ toolCallId: "call-1", toolName: "lookup", preview: "found it" }],
      },
      "support",
    );
    expect(quiet.result.platformThreadId).toBe(conversationId);
    const edited = await novu.agents.sendReply(
      { ...base, edit: { messageId: card.result.messageId, content: { markdown: "Updated" } } },
      "support",
    );
    expect(edited.result.messageId).toBe(card.result.messageId);

    const failed = await novu.agents.sendReply({ ...base, error: true }, "support");
    await vi.waitFor(async () => expect(await setup.sendgrid.requests()).toHaveLength(2), {
      timeout: 10_000,
    });
    expect(JSON.parse((await setup.sendgrid.requests())[1]?.body ?? "").content[0].value).toContain(
      "Sorry, something went wrong",
    );
    const entries = await database(env)
      .select()
      .from(agentConversationEntries)
      .where(eq(agentConversationEntries.conversationId, conversationId))
      .orderBy(agentConversationEntries.createdAt);
    expect(entries.map((e) => [e.role, e.type])).toEqual([
      ["user", "message"],
      ["assistant", "message"],
      ["assistant", "tool_result"],
      ["assistant", "edit"],
      ["assistant", "message"],
    ]);
    expect(entries.at(-1)?.id).toBe(failed.result.messageId);
    expect(await conversationRow(conversationId)).toMatchObject({ messageCount: 3 });
  });

  it("runs trigger signals for the conversation's subscriber", async () => {
    const setup = await agentSetup();
    await setup.server("/v2/subscribers", {
      method: "POST",
      body: { subscriberId: "ada", email: "ada@example.com", firstName: "Ada" },
    });
    await setup.server("/v2/workflows", { method: "POST", body: inAppWorkflow("follow-up") });
    await setup.inbound("Hello");
    const body = (await setup.bridgeBodies())[0]?.json;
    expect(body?.subscriber).toMatchObject({ subscriberId: "ada", email: "ada@example.com" });
    const base = {
      conversationId: body?.conversationId ?? "",
      integrationIdentifier: setup.integrationIdentifier,
    };

    const unknown = await setup.server("/v1/agents/support/reply", {
      method: "POST",
      body: { ...base, reply: { markdown: "x" }, signals: [{ type: "trigger", workflowId: "ghost" }] },
    });
    expect(unknown.status).toBe(422);
    expect(Object.keys((await unknown.json<ErrorBody>()).errors ?? {})).toEqual(["signals.0.workflowId"]);
    expect(await setup.sendgrid.requests()).toEqual([]);

    await sdk(setup.tenant).agents.sendReply(
      {
        ...base,
        signals: [{ type: "trigger", workflowId: "follow-up", payload: { message: "How did we do?" } }],
      },
      "support",
    );
    const inbox = await openInbox(setup.tenant, "ada");
    expect(inbox.totalUnreadCount).toBe(1);
  });

  it("keeps dry runs apart: a conversation of their own, and replies that are not mailed", async () => {
    const setup = await agentSetup([
      { status: 200, body: '{"status":"ack"}' },
      { status: 200, body: '{"status":"ack"}' },
    ]);
    await setup.inbound("Test 1", { dryRun: true });
    await setup.inbound("Test 2", { dryRun: true });
    const [a, b] = (await setup.bridgeBodies()).map((r) => r.json);
    expect(a?.conversationId).not.toBe(b?.conversationId);
    const reply = await sdk(setup.tenant).agents.sendReply(
      {
        conversationId: a?.conversationId ?? "",
        integrationIdentifier: setup.integrationIdentifier,
        reply: { markdown: "hi" },
      },
      "support",
    );
    expect(reply.result.messageId).toMatch(/^[0-9a-f]{24}$/);
    expect(await conversationRow(a?.conversationId ?? "")).toMatchObject({ dryRun: true, messageCount: 2 });
    await setup.inbound("Real mail");
    await expectOnlyMail(setup, (await setup.bridgeBodies())[2]?.json.conversationId ?? "");
  });

  it("refuses replies that are malformed, unknown or from another environment, and sends nothing", async () => {
    const setup = await agentSetup();
    await setup.inbound("Hello");
    const conversationId = (await setup.bridgeBodies())[0]?.json.conversationId ?? "";
    const base = { conversationId, integrationIdentifier: setup.integrationIdentifier };
    const reply = (body: unknown, agent = "support", server = setup.server) =>
      server(`/v1/agents/${agent}/reply`, { method: "POST", body });

    expect((await reply({ ...base })).status).toBe(400);
    expect(
      (
        await reply({
          ...base,
          reply: { markdown: "a" },
          edit: { messageId: "x", content: { markdown: "b" } },
        })
      ).status,
    ).toBe(400);
    expect((await reply({ ...base, error: true, reply: { markdown: "a" } })).status).toBe(400);
    expect((await reply({ ...base, reply: { markdown: "a", card: {} } })).status).toBe(422);
    expect((await reply({ ...base, reply: {} })).status).toBe(422);
    expect(
      (
        await reply({
          ...base,
          reply: { markdown: "a", files: [{ filename: "f", data: "AA==", url: "https://x.io/f" }] },
        })
      ).status,
    ).toBe(422);
    expect(
      (await reply({ ...base, signals: [{ type: "metadata", key: "__proto__", value: 1 }] })).status,
    ).toBe(422);
    expect(
      (await reply({ integrationIdentifier: base.integrationIdentifier, reply: { markdown: "a" } })).status,
    ).toBe(422);
    expect(
      (await reply({ ...base, conversationId: "0123456789abcdef01234567", reply: { markdown: "a" } })).status,
    ).toBe(404);
    expect((await reply({ ...base, reply: { markdown: "a" } }, "ghost")).status).toBe(404);
    expect((await reply({ ...base, integrationIdentifier: "ghost", reply: { markdown: "a" } })).status).toBe(
      404,
    );
    expect(
      (await reply({ ...base, edit: { messageId: "0123456789abcdef01234567", content: { markdown: "b" } } }))
        .status,
    ).toBe(404);
    expect((await reply({ ...base, signals: [{ type: "trigger", workflowId: "x" }] })).status).toBe(400);

    for (const body of [
      null,
      [],
      "text",
      { ...base, reply: { markdown: 5 } },
      { ...base, reply: { card: "x" } },
      { ...base, reply: { card: { title: 5, children: "x" } }, typing: 3 },
      { ...base, signals: "x" },
      { ...base, signals: [{ type: "nope" }] },
      { ...base, signals: [{ type: "metadata", action: "set", key: "k" }] },
      { ...base, toolResults: [{}] },
      { ...base, edit: {} },
      { ...base, resolve: "yes" },
      { ...base, addReactions: [{ messageId: "" }] },
    ]) {
      const res = await reply(body);
      expect(res.status, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(res.status, JSON.stringify(body)).toBeLessThan(500);
      expect(await res.json<ErrorBody>()).toMatchObject({ statusCode: res.status });
    }

    await createAgent(setup.server, { name: "Other", identifier: "other" });
    expect((await reply({ ...base, reply: { markdown: "a" } }, "other")).status).toBe(404);
    const stranger = api(await createTenant());
    await createAgent(stranger, { name: "Support", identifier: "support" });
    expect((await reply({ ...base, reply: { markdown: "a" } }, "support", stranger)).status).toBe(404);

    expect(await conversationRow(conversationId)).toMatchObject({
      messageCount: 1,
      status: "active",
      metadata: {},
    });
    await expectOnlyMail(setup, conversationId);
  });

  it("reports bridges that fail or cannot be reached, and refuses agents that cannot take mail", async () => {
    const setup = await agentSetup([{ status: 500, body: '{"message":"boom"}' }]);
    expect(await setup.inbound("Hello")).toMatchObject({ httpStatus: 500, agentReply: { message: "boom" } });

    await setup.server("/v1/agents/support/bridge", {
      method: "PUT",
      body: { devBridgeUrl: "http://127.0.0.1:9/api/novu", devBridgeActive: true },
    });
    const unreachable = await setup.inbound("Hello again");
    expect(unreachable.httpStatus).toBe(0);
    expect(unreachable.agentReply).toBeUndefined();
    expect(await setup.bridgeBodies()).toHaveLength(1);

    const tenant = tenantOf(setup.tenant);
    const deliver = (agentId: string) =>
      deliverInboundToAgent(env, database(env), tenant, {
        agentId,
        channel: "email",
        from: { address: "ada@example.com" },
        to: "x@acme.io",
        text: "hi",
        dryRun: false,
      });
    await expect(deliver("0123456789abcdef01234567")).rejects.toMatchObject({ status: 404 });
    const bare = await createAgent(setup.server, { name: "Bare", identifier: "bare" });
    await expect(deliver(bare._id)).rejects.toMatchObject({ status: 400 });
    const idle = await createAgent(setup.server, { name: "Idle", identifier: "idle", active: false });
    await setup.server("/v1/agents/idle/bridge", {
      method: "PUT",
      body: { bridgeUrl: "https://bot.acme.io" },
    });
    await expect(deliver(idle._id)).rejects.toMatchObject({ status: 400 });
  });
});
