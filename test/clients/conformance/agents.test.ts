// Agents through @novu/api: every agents.* operation (CRUD, bridge, integration links, sendReply), then bad input,
// unknown ids and another environment's key. The email conversation runs end to end: a domain route test hands the
// mail to a real @novu/framework agent, whose ctx.reply comes back through agents.sendReply's endpoint and leaves by
// email through a SendGrid integration pointed at the local recording server.
import { createHmac } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { Novu } from "@novu/api";
import type { AgentResponseDto } from "@novu/api/models/components";
import { agent, Client, serve } from "@novu/framework/hono";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type RecordedRequest, startRecordingServer } from "../../support/recording-server";
import {
  apiUrl,
  development,
  expectNotFound,
  expectRawInvalid,
  isolatedEnvironment,
  production,
  raw,
  rejection,
  uniqueId,
} from "./helpers";

const run = uniqueId("agents");
let env: Awaited<ReturnType<typeof isolatedEnvironment>>;
let novu: Novu;
let recording: { url: string; server: Server };
let framework: { url: string; server: Server };

const requests = async (prefix: string) =>
  (await (await fetch(`${recording.url}/__requests?prefix=${prefix}`)).json()) as RecordedRequest[];
const script = (
  path: string,
  answers: Array<{ status: number; headers?: Record<string, string>; body?: string }>,
) => fetch(`${recording.url}/__script`, { method: "POST", body: JSON.stringify({ path, answers }) });

/** What the framework agent saw on each event. */
const turns: Array<{ event: string; status: string; metadata: Record<string, unknown>; roles: string[] }> =
  [];

/** A real `@novu/framework` bridge serving one agent, which answers every message and resolves on "bye". */
async function startAgentBridge(identifier: string, secretKey: string) {
  const support = agent(identifier, {
    onMessage: async (message, ctx) => {
      const { status, metadata } = ctx.conversation;
      turns.push({ event: "onMessage", status, metadata, roles: ctx.history.map((h) => h.role) });
      ctx.metadata.set("turns", Number(ctx.metadata.get("turns") ?? 0) + 1);
      if (message.text.includes("bye")) ctx.resolve("Customer said goodbye");
      return `Hello ${message.author.fullName}, you wrote: **${message.text}**`;
    },
    onResolve: async (ctx) => {
      const { status, metadata } = ctx.conversation;
      turns.push({ event: "onResolve", status, metadata, roles: ctx.history.map((h) => h.role) });
    },
  });
  const app = new Hono().on(
    ["GET", "POST", "OPTIONS"],
    "*",
    serve({
      agents: [support],
      client: new Client({ secretKey, strictAuthentication: true, verbose: false }),
    }),
  );
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const response = await app.fetch(
      new Request(new URL(req.url ?? "/", "http://127.0.0.1"), {
        method: req.method,
        headers: Object.entries(req.headers).map(([k, v]) => [k, String(v)]),
        body: req.method === "GET" ? undefined : Buffer.concat(chunks),
      }),
    );
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("agent bridge has no port");
  return { url: `http://127.0.0.1:${address.port}`, server };
}

const close = (server: Server | undefined) =>
  new Promise<void>((resolve) => {
    if (!server) return resolve();
    server.closeAllConnections();
    server.close(() => resolve());
  });

beforeAll(async () => {
  recording = await startRecordingServer();
  env = await isolatedEnvironment(run);
  novu = env.novu;
  framework = await startAgentBridge(`${run}-support`, env.secretKey);
});
afterAll(async () => {
  await env?.remove();
  await Promise.all([close(recording?.server), close(framework?.server)]);
});

describe("agents", () => {
  it("creates, lists, retrieves, updates, sets the bridge of and deletes agents", async () => {
    const created = await development.agents.create(
      { name: "Support", identifier: `${run}-crud`, description: "Answers mail" },
      "api",
    );
    const agent: AgentResponseDto = created.result;
    expect(agent).toMatchObject({
      name: "Support",
      identifier: `${run}-crud`,
      description: "Answers mail",
      active: true,
      behavior: { acknowledgeOnReceived: true, reactionOnResolved: null, subscriberAccess: "restricted" },
      runtime: "self-hosted",
      integrations: [],
    });
    expect(agent.id).toMatch(/^[0-9a-f]{24}$/);
    expect(Number.isNaN(Date.parse(agent.createdAt))).toBe(false);
    await development.agents.create({ name: "Second", identifier: `${run}-crud-2` }, "api");

    const page = await development.agents.list({ identifier: `${run}-crud`, limit: 1 });
    expect(page.result.data.map((a) => a.identifier)).toEqual([`${run}-crud-2`]);
    expect(page.result).toMatchObject({ totalCount: 2, totalCountCapped: false, previous: null });
    const rest = await development.agents.list({
      identifier: `${run}-crud`,
      limit: 1,
      after: page.result.next ?? "",
    });
    expect(rest.result.data.map((a) => a.identifier)).toEqual([`${run}-crud`]);
    expect(rest.result.next).toBeNull();

    expect((await development.agents.retrieve(`${run}-crud`)).result).toEqual(agent);

    const updated = await development.agents.update(
      { name: "Helpdesk", active: false, behavior: { subscriberAccess: "open" } },
      `${run}-crud`,
    );
    expect(updated.result).toMatchObject({
      name: "Helpdesk",
      active: false,
      behavior: { acknowledgeOnReceived: true, subscriberAccess: "open" },
    });

    const bridged = await development.agents.updateBridge(
      { bridgeUrl: "https://bot.example.com/api/novu", devBridgeUrl: "http://localhost:4000/api/novu" },
      `${run}-crud`,
    );
    expect(bridged.result).toMatchObject({
      bridgeUrl: "https://bot.example.com/api/novu",
      devBridgeUrl: "http://localhost:4000/api/novu",
      devBridgeActive: false,
    });

    await development.agents.delete(`${run}-crud-2`, "false");
    await expectNotFound(development.agents.retrieve(`${run}-crud-2`));
  });

  it("links integrations of the environment to an agent and repoints and removes the links", async () => {
    const make = (identifier: string, providerId: string) =>
      novu.integrations.create({
        providerId,
        channel: "email",
        identifier,
        active: false,
        credentials: { apiKey: "k", from: "bot@example.com" },
      });
    await make(`${run}-mail-a`, "sendgrid");
    await make(`${run}-mail-b`, "resend");
    const owner = (await novu.agents.create({ name: "Links", identifier: `${run}-links` }, "api")).result;

    const link = (
      await novu.agents.integrations.create({ integrationIdentifier: `${run}-mail-a` }, `${run}-links`)
    ).result;
    expect(link).toMatchObject({
      agentId: owner.id,
      environmentId: env.id,
      integration: { identifier: `${run}-mail-a`, providerId: "sendgrid", channel: "email", active: false },
      connectedAt: null,
    });
    const duplicate = await rejection(
      novu.agents.integrations.create({ integrationIdentifier: `${run}-mail-a` }, `${run}-links`),
    );
    expect(duplicate.statusCode).toBe(409);

    const listed = await novu.agents.integrations.list({ identifier: `${run}-links` });
    expect(listed.result.data.map((l) => l.id)).toEqual([link.id]);
    expect(listed.result.totalCount).toBe(1);
    const filtered = await novu.agents.integrations.list({
      identifier: `${run}-links`,
      integrationIdentifier: `${run}-mail-b`,
    });
    expect(filtered.result.data).toEqual([]);

    const moved = await novu.agents.integrations.update({
      identifier: `${run}-links`,
      agentIntegrationId: link.id,
      updateAgentIntegrationRequestDto: { integrationIdentifier: `${run}-mail-b` },
    });
    expect(moved.result).toMatchObject({ id: link.id, integration: { identifier: `${run}-mail-b` } });
    expect((await novu.agents.retrieve(`${run}-links`)).result.integrations).toEqual([
      expect.objectContaining({ identifier: `${run}-mail-b`, providerId: "resend" }),
    ]);

    await novu.agents.integrations.delete(`${run}-links`, link.id);
    await expectNotFound(novu.agents.integrations.delete(`${run}-links`, link.id));
    expect((await novu.agents.integrations.list({ identifier: `${run}-links` })).result.data).toEqual([]);
  });

  it("hands routed mail to the framework agent, mails its reply and resolves on request", async () => {
    const sendgrid = `/${run}-sendgrid`;
    await script(`${sendgrid}/v3/mail/send`, [{ status: 202 }, { status: 202 }, { status: 202 }]);
    await novu.integrations.create({
      providerId: "sendgrid",
      channel: "email",
      identifier: `${run}-mail`,
      active: true,
      credentials: { apiKey: "SG.key", from: "support@example.com", baseUrl: `${recording.url}${sendgrid}` },
    });
    const identifier = `${run}-support`;
    await novu.agents.create({ name: "Support", identifier }, "api");
    await novu.agents.updateBridge({ bridgeUrl: `${framework.url}/api/novu` }, identifier);
    await novu.agents.integrations.create({ integrationIdentifier: `${run}-mail` }, identifier);

    const domain = `${run}.example.com`;
    await novu.domains.create({ name: domain });
    await novu.domains.routes.create({ address: "help", type: "agent", agentId: identifier }, domain);
    const mail = (text: string) =>
      novu.domains.routes.test(
        { from: { address: "ada@example.com", name: "Ada" }, subject: "Order 42", text },
        domain,
        "help",
      );

    const first = await mail("Where is my order?");
    expect(first.result.agent).toMatchObject({ httpStatus: 200 });
    const sent = async (count: number) =>
      vi.waitFor(
        async () => {
          const got = await requests(sendgrid);
          expect(got).toHaveLength(count);
          return got.map((r) => JSON.parse(r.body));
        },
        { timeout: 15_000, interval: 200 },
      );
    const [reply] = await sent(1);
    expect(reply).toMatchObject({
      personalizations: [{ to: [{ email: "ada@example.com" }] }],
      from: { email: "support@example.com" },
      subject: "Re: Order 42",
      content: [
        { type: "text/html", value: "<p>Hello Ada, you wrote: <strong>Where is my order?</strong></p>" },
      ],
    });

    await mail("Thanks, bye");
    const [, farewell] = await sent(2);
    expect(farewell.content[0].value).toContain("<strong>Thanks, bye</strong>");
    await vi.waitFor(() => expect(turns).toHaveLength(3), { timeout: 15_000, interval: 100 });
    expect(turns).toEqual([
      { event: "onMessage", status: "active", metadata: {}, roles: ["user"] },
      {
        event: "onMessage",
        status: "active",
        metadata: { turns: 1 },
        roles: ["user", "system", "assistant", "user"],
      },
      {
        event: "onResolve",
        status: "resolved",
        metadata: { turns: 2 },
        roles: ["user", "system", "assistant", "user", "system", "assistant", "system"],
      },
    ]);
    const { result: messages } = await novu.messages.retrieve({ channel: "email", limit: 10 });
    const replies = messages.data.filter((m) => m.templateIdentifier === `agent:${identifier}`);
    expect(replies.map((m) => m.status)).toEqual(["sent", "sent"]);
    const conversationId = replies[0]?.transactionId ?? "";

    // The framework's resolve closed the conversation: a reply into it still goes out, a repeat resolve is fine.
    const again = await novu.agents.sendReply(
      {
        conversationId,
        integrationIdentifier: `${run}-mail`,
        reply: { markdown: "Anything else?" },
        resolve: {},
      },
      identifier,
    );
    expect(again.result).toEqual({
      messageId: expect.stringMatching(/^[0-9a-f]{24}$/),
      platformThreadId: conversationId,
    });
    const [, , last] = await sent(3);
    expect(last.content[0].value).toBe("<p>Anything else?</p>");
  });

  it("signs the bridge request with the environment's secret key", async () => {
    const bridge = `/${run}-raw-bridge`;
    await script(`${bridge}/api/novu`, [{ status: 200, body: '{"status":"ack","custom":1}' }]);
    const identifier = `${run}-raw`;
    const created = (await novu.agents.create({ name: "Raw", identifier }, "api")).result;
    await novu.agents.updateBridge({ bridgeUrl: `${recording.url}${bridge}/api/novu` }, identifier);
    const domain = `${run}-raw.example.com`;
    await novu.domains.create({ name: domain });
    await novu.domains.routes.create({ address: "*", type: "agent", agentId: identifier }, domain);
    const tested = await novu.domains.routes.test(
      { from: { address: "grace@example.com" }, subject: "Hi", text: "Ping", html: "<p>Ping</p>" },
      domain,
      "anyone",
    );
    expect(tested.result.agent).toMatchObject({ agentId: created.id, httpStatus: 200 });

    const [request] = await requests(bridge);
    expect(request?.path).toBe(`${bridge}/api/novu?action=agent-event&agentId=${identifier}&event=onMessage`);
    const signature = request?.headers["novu-signature"] ?? "";
    const [, timestamp] = /^t=(\d+),v1=[0-9a-f]{64}$/.exec(signature) ?? [];
    const mac = createHmac("sha256", env.secretKey).update(`${timestamp}.${request?.body}`).digest("hex");
    expect(signature).toBe(`t=${timestamp},v1=${mac}`);
    expect(JSON.parse(request?.body ?? "")).toMatchObject({
      event: "onMessage",
      agentId: identifier,
      replyUrl: `${apiUrl}/v1/agents/${identifier}/reply`,
      message: { text: "Ping", author: { userId: "grace@example.com" } },
      conversation: { status: "active", messageCount: 1 },
      history: [{ role: "user", content: "Ping" }],
      platform: "email",
    });
  });

  it("refuses bad input, unknown ids and another environment's key", async () => {
    const identifier = `${run}-guarded`;
    await development.agents.create({ name: "Guarded", identifier }, "api");

    await expectRawInvalid("/v1/agents", { body: { name: "No identifier" } });
    await expectRawInvalid("/v1/agents", { body: { name: "Bad", identifier: "not a slug" } });
    await expectRawInvalid("/v1/agents", { body: { name: 7, identifier: `${run}-x` } });
    await expectRawInvalid(`/v1/agents/${identifier}`, { method: "PATCH", body: {} });
    await expectRawInvalid(`/v1/agents/${identifier}/bridge`, { method: "PUT", body: { bridgeUrl: "nope" } });
    await expectRawInvalid(`/v1/agents/${identifier}/integrations`, { body: {} });
    await expectRawInvalid(`/v1/agents/${identifier}/reply`, { body: { integrationIdentifier: "x" } });
    await expectRawInvalid(`/v1/agents/${identifier}/reply`, {
      body: { conversationId: "c", integrationIdentifier: "x", reply: { markdown: "a", card: {} } },
    });
    const duplicate = await rejection(development.agents.create({ name: "Again", identifier }, "api"));
    expect(duplicate.statusCode).toBe(409);

    const ghost = `${run}-ghost`;
    await expectNotFound(development.agents.retrieve(ghost));
    await expectNotFound(development.agents.update({ name: "x" }, ghost));
    await expectNotFound(development.agents.updateBridge({ bridgeUrl: "https://x.example.com" }, ghost));
    await expectNotFound(development.agents.delete(ghost, "false"));
    await expectNotFound(development.agents.integrations.list({ identifier: ghost }));
    await expectNotFound(development.agents.integrations.create({ integrationIdentifier: "x" }, ghost));
    await expectNotFound(
      development.agents.integrations.update({
        identifier,
        agentIntegrationId: "0123456789abcdef01234567",
        updateAgentIntegrationRequestDto: { integrationIdentifier: "x" },
      }),
    );
    await expectNotFound(development.agents.integrations.delete(identifier, "0123456789abcdef01234567"));
    await expectNotFound(
      development.agents.integrations.create({ integrationIdentifier: `${run}-none` }, identifier),
    );
    await expectNotFound(
      development.agents.sendReply(
        { conversationId: "0123456789abcdef01234567", integrationIdentifier: "x", reply: { markdown: "hi" } },
        identifier,
      ),
    );

    await expectNotFound(production.agents.retrieve(identifier));
    await expectNotFound(production.agents.update({ active: false }, identifier));
    await expectNotFound(
      production.agents.updateBridge({ bridgeUrl: "https://evil.example.com" }, identifier),
    );
    await expectNotFound(production.agents.delete(identifier, "false"));
    await expectNotFound(production.agents.integrations.list({ identifier }));
    expect((await production.agents.list({ identifier: run })).result.data).toEqual([]);
    const unchanged = (await development.agents.retrieve(identifier)).result;
    expect(unchanged).toMatchObject({ name: "Guarded", active: true });
    expect(unchanged.bridgeUrl).toBeUndefined();

    const { status } = await raw("/v1/agents", { method: "GET", secretKey: "not-a-key" });
    expect(status).toBe(401);
  });
});
