// Domains through @novu/api against `wrangler dev`: every domains.* operation with typed results, DNS lookups sent to
// the recording server standing in for the DNS-over-HTTPS resolver (asserted exactly), routes to webhooks and to an
// agent, routes.test, real inbound mail through the Worker's email handler; then bad input, unknown names and
// another environment's key.
import type { Novu } from "@novu/api";
import { DomainRouteDtoType } from "@novu/api/models/components";
import { ErrorDto, ValidationErrorDto } from "@novu/api/models/errors";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { verifyWebhookSignature } from "../../../src/webhooks/webhook-signature";
import type { RecordedRequest } from "../../support/recording-server";
import {
  apiUrl,
  expectNotFound,
  expectRawInvalid,
  isolatedEnvironment,
  production,
  raw,
  rejection,
  uniqueId,
} from "./helpers";

const host = inject("providerHost");
const run = uniqueId("dom");
/** wrangler.toml's INBOUND_MX_HOSTS: Cloudflare Email Routing's hosts. */
const mxHosts = ["route1.mx.cloudflare.net", "route2.mx.cloudflare.net", "route3.mx.cloudflare.net"];

type DohAnswer = {
  Status: number;
  Answer?: Array<{ name: string; type: number; TTL: number; data: string }>;
};
const answer = (name: string, type: number, ...data: string[]): DohAnswer => ({
  Status: 0,
  Answer: data.map((d) => ({ name, type, TTL: 300, data: d })),
});
const nodata: DohAnswer = { Status: 0 };
const nxdomain: DohAnswer = { Status: 3 };

async function requests(prefix: string): Promise<RecordedRequest[]> {
  return (await fetch(`${host}/__requests?prefix=${prefix}`)).json() as Promise<RecordedRequest[]>;
}
async function script(path: string, answers: Array<{ status: number; body?: string }>) {
  await fetch(`${host}/__script`, { method: "POST", body: JSON.stringify({ path, answers }) });
}
/** Queues the resolver's next answers, in the order the Worker will ask. */
const dns = (...answers: DohAnswer[]) =>
  script(
    "/dns-query",
    answers.map((a) => ({ status: 200, body: JSON.stringify(a) })),
  );
let seen = 0;
/** The DNS questions asked since the last call. */
async function questions(): Promise<string[]> {
  const all = await requests("/dns-query");
  const fresh = all.slice(seen);
  seen = all.length;
  return fresh.map((r) => {
    const url = new URL(r.path, host);
    expect(r.headers.accept).toBe("application/dns-json");
    return `${url.searchParams.get("type")} ${url.searchParams.get("name")}`;
  });
}

let env: Awaited<ReturnType<typeof isolatedEnvironment>>;
let novu: Novu;
const name = `${run}.inbound-conformance.test`;

beforeAll(async () => {
  // Outbound webhooks of the shared development environment also carry other suites' events: its own environment.
  env = await isolatedEnvironment(`Domains ${run}`);
  novu = env.novu;
  await questions();
});
afterAll(async () => {
  await env.remove();
});

async function mail(to: string, raw: string) {
  const url = `${apiUrl}/cdn-cgi/handler/email?from=ada%40example.com&to=${encodeURIComponent(to)}`;
  const res = await fetch(url, { method: "POST", body: raw });
  return { status: res.status, text: await res.text() };
}

describe("domains", () => {
  it("creates, lists, retrieves, updates, verifies and diagnoses a domain", async () => {
    await dns(nodata, answer("inbound-conformance.test", 2, "ns1.vercel-dns.com."));
    const { result: created } = await novu.domains.create({
      name: name.toUpperCase(),
      data: { team: "support" },
    });
    expect(created).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      name,
      status: "pending",
      mxRecordConfigured: false,
      dnsProvider: "Vercel",
      environmentId: env.id,
      organizationId: expect.any(String),
      createdAt: expect.any(String),
      updatedAt: created.createdAt,
      expectedDnsRecords: mxHosts.map((content, i) => ({
        type: "MX",
        name,
        content,
        ttl: "Auto",
        priority: (i + 1) * 10,
      })),
      data: { team: "support" },
    });
    expect(await questions()).toEqual([`NS ${name}`, "NS inbound-conformance.test"]);

    const { result: page } = await novu.domains.list({ name: run, limit: 10 });
    expect(page).toMatchObject({ next: null, previous: null, totalCount: 1, totalCountCapped: false });
    expect(page.data.map((d) => d.id)).toEqual([created.id]);
    expect((await novu.domains.retrieve(name)).result).toEqual(created);
    const { result: updated } = await novu.domains.update({ data: { team: "billing" } }, name);
    expect(updated).toMatchObject({ id: created.id, data: { team: "billing" } });

    await dns(answer(name, 15, "10 mx.legacy.test."));
    expect((await novu.domains.verify(name)).result).toMatchObject({
      status: "pending",
      mxRecordConfigured: false,
    });
    await dns(answer(name, 15, "10 route1.mx.cloudflare.net.", "20 route2.mx.cloudflare.net."));
    expect((await novu.domains.verify(name)).result).toMatchObject({
      status: "verified",
      mxRecordConfigured: true,
    });
    expect(await questions()).toEqual([`MX ${name}`, `MX ${name}`]);

    await dns(
      answer(name, 15, "5 mx.legacy.test.", "10 route1.mx.cloudflare.net."),
      nxdomain,
      nodata,
      nodata,
      nodata,
    );
    const { result: diagnosis } = await novu.domains.diagnose(name);
    expect(diagnosis.ok).toBe(true);
    expect(diagnosis.checks.map((c) => `${c.code}:${c.status}`)).toEqual([
      "mx_missing:pass",
      "mx_wrong_target:pass",
      "mx_low_priority:fail",
      "apex_cname_collision:pass",
      "dnsbl_listed:skipped",
    ]);
    expect(diagnosis.issues).toEqual([
      { code: "mx_low_priority", severity: "warn", message: expect.any(String), fix: expect.any(String) },
    ]);
    expect(await questions()).toEqual([`MX ${name}`, `CNAME ${name}`, ...mxHosts.map((h) => `A ${h}`)]);
  });

  it("says when DNS auto-configuration is not available, and refuses to start it", async () => {
    const { result } = await novu.domains.autoConfigure.retrieve(name);
    expect(result).toEqual({
      available: false,
      reason: expect.stringContaining("not enabled"),
      reasonCode: "disabled",
      manualRecords: mxHosts.map((content, i) => ({
        type: "MX",
        name,
        content,
        ttl: "Auto",
        priority: (i + 1) * 10,
      })),
    });
    const refused = await rejection(
      novu.domains.autoConfigure.start({ redirectUri: "https://dash.test/x" }, name),
    );
    expect(refused).toBeInstanceOf(ErrorDto);
    expect(refused.statusCode).toBe(400);
    expect(await questions()).toEqual([]);
  });

  it("routes addresses to the webhooks and to an agent, and tests them", async () => {
    const endpoint = await raw("/v1/webhooks/endpoints", {
      body: { url: `${host}/${run}/hooks` },
      secretKey: env.secretKey,
    });
    expect(endpoint.status).toBe(201);
    const identifier = `${run}-bot`;
    expect(
      (await raw("/v1/agents", { body: { name: "Bot", identifier }, secretKey: env.secretKey })).status,
    ).toBe(201);
    const bridge = await raw(`/v1/agents/${identifier}`, {
      method: "PATCH",
      body: { bridgeUrl: `${host}/${run}/bridge` },
      secretKey: env.secretKey,
    });
    expect(bridge.status).toBe(200);
    const agentId = (bridge.body.data as { _id: string })._id;

    const { result: support } = await novu.domains.routes.create(
      { address: "support", type: DomainRouteDtoType.Webhook, data: { queue: "l1" } },
      name,
    );
    expect(support).toEqual({
      id: expect.any(String),
      domainId: expect.any(String),
      address: "support",
      type: "webhook",
      environmentId: env.id,
      organizationId: expect.any(String),
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      data: { queue: "l1" },
    });
    const { result: catchAll } = await novu.domains.routes.create(
      { address: "*", type: DomainRouteDtoType.Agent, agentId: identifier },
      name,
    );
    expect(catchAll).toMatchObject({ address: "*", type: "agent", agentId });
    expect((await novu.domains.routes.retrieve(name, "*")).result).toEqual(catchAll);
    const { result: byAgent } = await novu.domains.routes.list({ domain: name, agentId: identifier });
    expect(byAgent.data.map((r) => r.address)).toEqual(["*"]);
    const { result: all } = await novu.domains.routes.list({ domain: name, orderDirection: "ASC" });
    expect(all.data.map((r) => r.address)).toEqual(["support", "*"]);
    const { result: relabelled } = await novu.domains.routes.update(
      { data: { queue: "l2" } },
      name,
      "support",
    );
    expect(relabelled).toMatchObject({ type: "webhook", data: { queue: "l2" } });

    const email = {
      from: { address: "ada@example.com", name: "Ada" },
      subject: "Order 42",
      text: "Where is it?",
    };
    const { result: preview } = await novu.domains.routes.test({ ...email, dryRun: true }, name, "support");
    expect(preview).toMatchObject({
      matched: true,
      dryRun: true,
      domainStatus: "verified",
      mxRecordConfigured: true,
      type: "webhook",
      payload: { route: { address: "support", data: { queue: "l2" } }, mail: { subject: "Order 42" } },
    });
    const { result: sent } = await novu.domains.routes.test(email, name, "support");
    expect(sent).toEqual({
      matched: true,
      dryRun: false,
      domainStatus: "verified",
      mxRecordConfigured: true,
      type: "webhook",
      webhook: { skipped: false, latencyMs: expect.any(Number) },
    });
    const [event] = await requests(`/${run}/hooks`);
    const secret = (endpoint.body.data as { secret: string }).secret;
    expect(
      (await verifyWebhookSignature(secret, event?.headers["novu-signature"], event?.body ?? "")).valid,
    ).toBe(true);
    expect(JSON.parse(event?.body ?? "{}")).toMatchObject({
      type: "email.received",
      data: {
        domain: { name },
        mail: { from: [{ address: "ada@example.com", name: "Ada" }], text: "Where is it?" },
      },
    });

    await script(`/${run}/bridge`, [{ status: 200, body: JSON.stringify({ status: "ack" }) }]);
    const { result: toAgent } = await novu.domains.routes.test(email, name, "anyone");
    expect(toAgent).toMatchObject({
      matched: true,
      type: "agent",
      // The SDK types agentReply as `{}` and strips what it holds; the raw answer carries the bridge's reply.
      agent: { agentId, httpStatus: 200, agentReply: {}, latencyMs: expect.any(Number) },
    });
    await script(`/${run}/bridge`, [{ status: 200, body: JSON.stringify({ status: "ack" }) }]);
    const rawTest = await raw(`/v1/domains/${name}/routes/anyone/test`, {
      body: email,
      secretKey: env.secretKey,
    });
    expect(rawTest.body.data).toMatchObject({ agent: { agentReply: { status: "ack" } } });
    const [call] = await requests(`/${run}/bridge`);
    expect(JSON.parse(call?.body ?? "{}")).toMatchObject({
      event: "onMessage",
      message: { text: "Where is it?" },
    });
    expect(await questions()).toEqual([]);
  });

  it("receives real mail through the email handler and routes it", async () => {
    const to = `support@${name}`;
    const message = [
      "From: Ada <ada@example.com>",
      `To: ${to}`,
      "Subject: =?UTF-8?Q?Caf=C3=A9?=",
      `Message-ID: <${run}@example.com>`,
      "Content-Type: text/plain; charset=utf-8",
      "",
      "Hello from a real SMTP hop",
      "",
    ].join("\r\n");
    const before = (await requests(`/${run}/hooks`)).length;
    expect(await mail(to, message)).toEqual({ status: 200, text: "Worker successfully processed email" });
    const events = await requests(`/${run}/hooks`);
    expect(events).toHaveLength(before + 1);
    expect(JSON.parse(events.at(-1)?.body ?? "{}")).toMatchObject({
      type: "email.received",
      data: {
        route: { address: "support" },
        mail: { subject: "Café", text: "Hello from a real SMTP hop\r\n" },
      },
    });
    const elsewhere = await mail(`nobody@unknown-${run}.test`, message);
    expect(elsewhere).toEqual({
      status: 400,
      text: "Worker rejected email with the following reason: Recipient domain is not accepted here",
    });
  });

  it("refuses bad input, unknown names and another environment's key, changing nothing", async () => {
    const invalid = await rejection(novu.domains.create({ name: "not a domain" }));
    expect(invalid).toBeInstanceOf(ValidationErrorDto);
    expect(invalid.statusCode).toBe(422);
    await expectRawInvalid("/v1/domains", { body: { name: "novu.c" }, secretKey: env.secretKey });
    await expectRawInvalid(`/v1/domains/${name}/routes`, {
      body: { address: "x", type: "sms" },
      secretKey: env.secretKey,
    });
    const duplicate = await rejection(production.domains.create({ name }));
    expect(duplicate).toBeInstanceOf(ErrorDto);
    expect(duplicate.statusCode).toBe(409);
    const badRoute = await rejection(
      novu.domains.routes.create({ address: "hello world", type: DomainRouteDtoType.Webhook }, name),
    );
    expect(badRoute.statusCode).toBe(422);
    const noAgent = await rejection(
      novu.domains.routes.create({ address: "bot", type: DomainRouteDtoType.Agent }, name),
    );
    expect(noAgent.statusCode).toBe(400);
    const unknownAgent = await rejection(
      novu.domains.routes.create(
        { address: "bot", type: DomainRouteDtoType.Agent, agentId: `${run}-ghost` },
        name,
      ),
    );
    expect(unknownAgent.statusCode).toBe(404);
    const dup = await rejection(
      novu.domains.routes.create({ address: "support", type: DomainRouteDtoType.Webhook }, name),
    );
    expect(dup.statusCode).toBe(409);
    const badFrom = await rejection(
      novu.domains.routes.test({ from: { address: "nope" }, subject: "s", dryRun: true }, name, "support"),
    );
    expect(badFrom.statusCode).toBe(422);

    const ghost = `ghost-${run}.test`;
    await expectNotFound(novu.domains.retrieve(ghost));
    await expectNotFound(novu.domains.routes.retrieve(name, "ghost"));
    for (const other of [production, novu]) {
      const target = other === production ? name : ghost;
      await expectNotFound(other.domains.retrieve(target));
      await expectNotFound(other.domains.update({ data: { x: "y" } }, target));
      await expectNotFound(other.domains.verify(target));
      await expectNotFound(other.domains.diagnose(target));
      await expectNotFound(other.domains.autoConfigure.retrieve(target));
      await expectNotFound(other.domains.autoConfigure.start({}, target));
      await expectNotFound(other.domains.routes.list({ domain: target }));
      await expectNotFound(
        other.domains.routes.create({ address: "x", type: DomainRouteDtoType.Webhook }, target),
      );
      await expectNotFound(other.domains.routes.update({ data: {} }, target, "support"));
      await expectNotFound(
        other.domains.routes.test({ from: { address: "a@b.co" }, subject: "s" }, target, "support"),
      );
      await expectNotFound(other.domains.routes.delete(target, "support"));
      await expectNotFound(other.domains.delete(target));
    }
    expect((await production.domains.list({ name: run })).result.data).toEqual([]);
    expect((await novu.domains.retrieve(name)).result.data).toEqual({ team: "billing" });
    expect(await questions()).toEqual([]);
  });

  it("deletes routes and the domain, its routes with it", async () => {
    await novu.domains.routes.delete(name, "support");
    await expectNotFound(novu.domains.routes.retrieve(name, "support"));
    await novu.domains.delete(name);
    await expectNotFound(novu.domains.retrieve(name));
    await expectNotFound(novu.domains.routes.list({ domain: name }));
    expect((await novu.domains.list({ name: run })).result.totalCount).toBe(0);
  });
});
