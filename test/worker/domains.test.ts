import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, inject, it } from "vitest";
import worker from "../../src/index";
import { verifyWebhookSignature } from "../../src/webhooks/webhook-signature";
import type { RecordedRequest } from "../support/recording-server";
import { createTenant, type TestTenant } from "./fixtures";

const host = inject("providerHost");
const mxHosts = ["mx1.inbound.test", "mx2.inbound.test"];

/** A DNS-over-HTTPS answer as Cloudflare's JSON API gives it. */
type DohAnswer = {
  Status: number;
  Answer?: Array<{ name: string; type: number; TTL: number; data: string }>;
};
const types = { A: 1, NS: 2, CNAME: 5, MX: 15, TXT: 16 } as const;
const found = (name: string, type: keyof typeof types, ...data: string[]): DohAnswer => ({
  Status: 0,
  Answer: data.map((d) => ({ name, type: types[type], TTL: 300, data: d })),
});
const nxdomain: DohAnswer = { Status: 3 };
const nodata: DohAnswer = { Status: 0 };
const servfail: DohAnswer = { Status: 2 };

/**
 * One test's own paths on the recording server: its DNS-over-HTTPS resolver (scripted answers, in the order the
 * Worker asks) and any other host the Worker calls. `env` is the Worker's configuration pointed at them.
 */
function stage(overrides: Partial<Env> = {}) {
  const prefix = `/dom-${crypto.randomUUID().slice(0, 8)}`;
  const script = (path: string, answers: Array<{ status: number; body?: string }>) =>
    fetch(`${host}/__script`, {
      method: "POST",
      body: JSON.stringify({ path: `${prefix}${path}`, answers }),
    });
  const requests = async (path = "") =>
    (await (await fetch(`${host}/__requests?prefix=${prefix}${path}`)).json()) as RecordedRequest[];
  return {
    base: `${host}${prefix}`,
    env: {
      ...env,
      DNS_OVER_HTTPS_URL: `${host}${prefix}/dns-query`,
      INBOUND_MX_HOSTS: mxHosts.join(","),
      ...overrides,
    },
    script,
    requests,
    dns: (...answers: DohAnswer[]) =>
      script(
        "/dns-query",
        answers.map((a) => ({ status: 200, body: JSON.stringify(a) })),
      ),
    /** The DNS questions asked, in order. */
    questions: async () =>
      (await requests("/dns-query")).map((r) => {
        expect(r.headers.accept).toBe("application/dns-json");
        const url = new URL(r.path, "http://x");
        return `${url.searchParams.get("type")} ${url.searchParams.get("name")}`;
      }),
  };
}
type Stage = ReturnType<typeof stage>;

/** The Worker as deployed with the stage's configuration, called with the tenant's key. */
function client(tenant: TestTenant, { env: workerEnv }: Stage) {
  return async (path: string, init: { method?: string; body?: unknown; raw?: string } = {}) => {
    const ctx = createExecutionContext();
    const res = await worker.fetch(
      new Request(`http://api.test${path}`, {
        method: init.method ?? "GET",
        headers: { authorization: `ApiKey ${tenant.secretKey}`, "content-type": "application/json" },
        body: init.raw ?? (init.body === undefined ? undefined : JSON.stringify(init.body)),
      }),
      workerEnv,
      ctx,
    );
    await waitOnExecutionContext(ctx);
    return res;
  };
}
type Client = ReturnType<typeof client>;

type Domain = {
  _id: string;
  name: string;
  status: "pending" | "verified";
  mxRecordConfigured: boolean;
  dnsProvider?: string;
  _environmentId: string;
  _organizationId: string;
  createdAt: string;
  updatedAt: string;
  expectedDnsRecords?: Array<{ type: string; name: string; content: string; ttl: string; priority?: number }>;
  data?: Record<string, string>;
};
type Route = {
  _id: string;
  _domainId: string;
  address: string;
  type: string;
  agentId?: string;
  data?: object;
};
type Page<T> = {
  data: T[];
  next: string | null;
  previous: string | null;
  totalCount: number;
  totalCountCapped: boolean;
};

const uniqueName = (label = "in") => `${label}-${crypto.randomUUID().slice(0, 8)}.acme-mail.test`;
const body = async <T>(res: Response) => ((await res.json()) as { data: T }).data;

/** A domain whose provider lookups find nothing (two NS questions answered NODATA). */
async function createDomain(api: Client, dns: Stage, name = uniqueName(), data?: Record<string, string>) {
  await dns.dns(nodata, nodata);
  const res = await api("/v1/domains", { method: "POST", body: { name, ...(data ? { data } : {}) } });
  expect(res.status).toBe(201);
  return body<Domain>(res);
}

async function verifiedDomain(api: Client, dns: Stage) {
  const domain = await createDomain(api, dns);
  await dns.dns(found(domain.name, "MX", `10 ${mxHosts[0]}.`));
  expect(
    await body<Domain>(await api(`/v1/domains/${domain.name}/verify`, { method: "POST" })),
  ).toMatchObject({
    status: "verified",
  });
  return domain;
}

const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe("/v1/domains", () => {
  it("registers a domain as pending with the MX records to add, its DNS provider found from NS records", async () => {
    const tenant = await createTenant();
    const dns = stage();
    const api = client(tenant, dns);
    const name = uniqueName("Support");
    await dns.dns(nodata, found("acme-mail.test", "NS", "kate.ns.cloudflare.com.", "rob.ns.cloudflare.com."));
    const res = await api("/v1/domains", { method: "POST", body: { name, data: { team: "support" } } });
    expect(res.status).toBe(201);
    const domain = await body<Domain>(res);
    expect(domain).toEqual({
      _id: expect.stringMatching(/^[0-9a-f]{24}$/),
      name: name.toLowerCase(),
      status: "pending",
      mxRecordConfigured: false,
      dnsProvider: "Cloudflare",
      _environmentId: tenant.environmentId,
      _organizationId: tenant.organizationId,
      createdAt: expect.stringMatching(iso),
      updatedAt: domain.createdAt,
      expectedDnsRecords: [
        { type: "MX", name: name.toLowerCase(), content: "mx1.inbound.test", ttl: "Auto", priority: 10 },
        { type: "MX", name: name.toLowerCase(), content: "mx2.inbound.test", ttl: "Auto", priority: 20 },
      ],
      data: { team: "support" },
    });
    expect(await dns.questions()).toEqual([`NS ${name.toLowerCase()}`, "NS acme-mail.test"]);

    // A pure read: no DNS lookup, same records; the name matches whatever its case.
    const fetched = await api(`/v1/domains/${name.toUpperCase()}`);
    expect(await body<Domain>(fetched)).toEqual(domain);
    expect(await dns.questions()).toHaveLength(2);
  });

  it("validates names and metadata as Novu does (422 with field messages), and lowercases", async () => {
    const api = client(await createTenant(), stage());
    for (const name of [
      "",
      "https://novu.co",
      "novu.co/path",
      "novu",
      "inbound_novu.co",
      "-novu.co",
      "novu-.co",
      "novu.c",
      "*.novu.co",
      42,
    ]) {
      const res = await api("/v1/domains", { method: "POST", body: { name } });
      expect(res.status, String(name)).toBe(422);
      expect(await res.json()).toMatchObject({
        statusCode: 422,
        message: "Validation Error",
        errors: { name: {} },
      });
    }
    const tooMany = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, "v"]));
    for (const data of [tooMany, { a: "x".repeat(498), b: "yy" }, { n: 1 }, ["a"]]) {
      const res = await api("/v1/domains", { method: "POST", body: { name: uniqueName(), data } });
      expect(res.status).toBe(422);
      expect(await res.json()).toMatchObject({ errors: expect.objectContaining({}) });
    }
    expect(
      (
        await api("/v1/domains", {
          method: "POST",
          body: { name: uniqueName(), data: { a: "x".repeat(499) } },
        })
      ).status,
    ).not.toBe(422);
  });

  it("answers 409 for a name any environment holds, and changes nothing", async () => {
    const dns = stage();
    const mine = client(await createTenant(), dns);
    const theirs = client(await createTenant(), dns);
    const domain = await createDomain(mine, dns);
    const again = await mine("/v1/domains", { method: "POST", body: { name: domain.name.toUpperCase() } });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({
      statusCode: 409,
      message: `A domain with name "${domain.name}" already exists.`,
      error: "Conflict",
    });
    expect((await theirs("/v1/domains", { method: "POST", body: { name: domain.name } })).status).toBe(409);
    expect((await body<Domain[]>(await theirs("/v1/domains"))).length).toBe(0);
  });

  it("lists with cursors, a name filter and order, and replaces metadata on PATCH", async () => {
    const dns = stage();
    const api = client(await createTenant(), dns);
    const a = await createDomain(api, dns, `alpha-${crypto.randomUUID().slice(0, 6)}.acme-mail.test`);
    const b = await createDomain(api, dns, `beta-${crypto.randomUUID().slice(0, 6)}.acme-mail.test`, {
      x: "1",
    });
    const c = await createDomain(api, dns, `gamma-${crypto.randomUUID().slice(0, 6)}.acme-mail.test`);

    const first = (await (await api("/v1/domains?limit=2")).json()) as Page<Domain>;
    expect(first.data.map((d) => d.name)).toEqual([c.name, b.name]);
    expect(first).toMatchObject({ previous: null, totalCount: 3, totalCountCapped: false });
    expect(first.data[0]).not.toHaveProperty("expectedDnsRecords");
    const second = (await (await api(`/v1/domains?limit=2&after=${first.next}`)).json()) as Page<Domain>;
    expect(second.data.map((d) => d.name)).toEqual([a.name]);
    expect(second.next).toBeNull();
    expect(second.previous).toBe(a._id);
    const ascending = (await (await api("/v1/domains?orderDirection=ASC")).json()) as Page<Domain>;
    expect(ascending.data.map((d) => d.name)).toEqual([a.name, b.name, c.name]);
    const filtered = (await (await api("/v1/domains?name=BETA")).json()) as Page<Domain>;
    expect(filtered.data.map((d) => d.name)).toEqual([b.name]);
    expect((await (await api("/v1/domains?name=%25")).json()) as Page<Domain>).toMatchObject({
      totalCount: 0,
    });

    const both = await api(`/v1/domains?after=${a._id}&before=${b._id}`);
    expect(both.status).toBe(400);
    expect(await both.json()).toMatchObject({
      message: 'Cannot specify both "before" and "after" cursors at the same time.',
    });
    expect((await api("/v1/domains?limit=0")).status).toBe(422);
    expect((await api("/v1/domains?orderBy=name")).status).toBe(422);

    const unchanged = await body<Domain>(await api(`/v1/domains/${b.name}`, { method: "PATCH", body: {} }));
    expect(unchanged).toMatchObject({ data: { x: "1" }, updatedAt: b.updatedAt });
    const patched = await body<Domain>(
      await api(`/v1/domains/${b.name}`, { method: "PATCH", body: { data: { y: "2" } } }),
    );
    expect(patched.data).toEqual({ y: "2" });
    expect(patched.expectedDnsRecords).toHaveLength(2);
    expect((await api(`/v1/domains/${b.name}`, { method: "PATCH", body: { data: { y: 2 } } })).status).toBe(
      422,
    );
  });

  it("deletes a domain with its routes; unknown domains are 404 on every operation", async () => {
    const dns = stage();
    const api = client(await createTenant(), dns);
    const domain = await createDomain(api, dns);
    expect(
      (
        await api(`/v1/domains/${domain.name}/routes`, {
          method: "POST",
          body: { address: "cascade", type: "webhook" },
        })
      ).status,
    ).toBe(201);
    const removed = await api(`/v1/domains/${domain.name}`, { method: "DELETE" });
    expect(removed.status).toBe(204);
    expect(await removed.text()).toBe("");
    const missing = await api(`/v1/domains/${domain.name}`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({
      statusCode: 404,
      message: `Domain "${domain.name}" not found.`,
      path: `/v1/domains/${domain.name}`,
    });
    for (const [method, path, payload] of [
      ["PATCH", "", { data: {} }],
      ["DELETE", ""],
      ["POST", "/verify"],
      ["POST", "/diagnose"],
      ["GET", "/auto-configure"],
      ["POST", "/auto-configure/start", {}],
      ["GET", "/routes"],
      ["POST", "/routes", { address: "x", type: "webhook" }],
      ["GET", "/routes/cascade"],
      ["POST", "/routes/cascade/test", { from: { address: "a@b.co" }, subject: "s", dryRun: true }],
    ] as const) {
      const res = await api(`/v1/domains/${domain.name}${path}`, { method, body: payload });
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    expect(await dns.questions()).toHaveLength(2);
  });
});

describe("verify and diagnose, by DNS-over-HTTPS lookups", () => {
  it("verifies when an MX record points at an inbound host, and goes back to pending when none does", async () => {
    const dns = stage();
    const api = client(await createTenant(), dns);
    const domain = await createDomain(api, dns);
    const verify = async () =>
      body<Domain>(await api(`/v1/domains/${domain.name}/verify`, { method: "POST" }));

    await dns.dns(found(domain.name, "MX", "10 mail.elsewhere.test."));
    expect(await verify()).toMatchObject({
      status: "pending",
      mxRecordConfigured: false,
      expectedDnsRecords: expect.any(Array),
    });
    await dns.dns({
      Status: 0,
      Answer: [
        { name: domain.name, type: types.CNAME, TTL: 60, data: "alias.acme-mail.test." },
        { name: "alias.acme-mail.test", type: types.MX, TTL: 60, data: "20 MX2.Inbound.Test." },
      ],
    });
    expect(await verify()).toMatchObject({ status: "verified", mxRecordConfigured: true });

    // A resolver without a verdict changes nothing: mail keeps flowing.
    await dns.dns(servfail);
    expect(await verify()).toMatchObject({ status: "verified", mxRecordConfigured: true });
    await dns.script("/dns-query", [{ status: 503, body: "busy" }]);
    expect(await verify()).toMatchObject({ status: "verified" });
    await dns.dns(nxdomain);
    expect(await verify()).toMatchObject({ status: "pending", mxRecordConfigured: false });
    expect(await body<Domain>(await api(`/v1/domains/${domain.name}`))).toMatchObject({ status: "pending" });
    expect((await dns.questions()).slice(2)).toEqual(Array(5).fill(`MX ${domain.name}`));
  });

  it("diagnoses a domain without MX records: one error, the rest skipped", async () => {
    const dns = stage();
    const api = client(await createTenant(), dns);
    const domain = await createDomain(api, dns);
    await dns.dns(nxdomain, nxdomain);
    const res = await api(`/v1/domains/${domain.name}/diagnose`, { method: "POST" });
    expect(res.status).toBe(200);
    const report = await body<{ ok: boolean; runAt: string; checks: object[]; issues: object[] }>(res);
    expect(report).toEqual({
      ok: false,
      runAt: expect.stringMatching(iso),
      checks: [
        { code: "mx_missing", status: "fail", latencyMs: expect.any(Number) },
        { code: "mx_wrong_target", status: "skipped", latencyMs: expect.any(Number) },
        { code: "mx_low_priority", status: "skipped", latencyMs: expect.any(Number) },
        { code: "apex_cname_collision", status: "pass", latencyMs: expect.any(Number) },
        { code: "dnsbl_listed", status: "skipped", latencyMs: expect.any(Number) },
      ],
      issues: [
        {
          code: "mx_missing",
          severity: "error",
          message: `No MX records were found for ${domain.name}.`,
          fix: expect.stringContaining("mx1.inbound.test"),
        },
      ],
    });
    expect((await dns.questions()).slice(2)).toEqual([`MX ${domain.name}`, `CNAME ${domain.name}`]);
  });

  it("diagnoses a preferred foreign MX, a CNAME at the name and a blocklisted inbound host", async () => {
    const dns = stage();
    const api = client(await createTenant(), dns);
    const domain = await createDomain(api, dns);
    await dns.dns(
      found(domain.name, "MX", "5 mx.legacy.test.", "10 mx1.inbound.test."),
      found(domain.name, "CNAME", "www.acme-mail.test."),
      found("mx1.inbound.test", "A", "203.0.113.7"),
      found("mx2.inbound.test", "A", "10.0.0.8"),
      found("7.113.0.203.zen.spamhaus.org", "A", "127.0.0.2"),
      nxdomain,
      // SORBS' own error code (e.g. "asked through a public resolver") is no listing.
      found("7.113.0.203.dnsbl.sorbs.net", "A", "127.255.255.254"),
    );
    const report = await body<{
      ok: boolean;
      checks: Array<{ code: string; status: string }>;
      issues: object[];
    }>(await api(`/v1/domains/${domain.name}/diagnose`, { method: "POST" }));
    expect(report.ok).toBe(false);
    expect(report.checks.map((c) => `${c.code}:${c.status}`)).toEqual([
      "mx_missing:pass",
      "mx_wrong_target:pass",
      "mx_low_priority:fail",
      "apex_cname_collision:fail",
      "dnsbl_listed:fail",
    ]);
    expect(report.issues).toEqual([
      expect.objectContaining({ code: "mx_low_priority", severity: "warn" }),
      expect.objectContaining({ code: "apex_cname_collision", severity: "error" }),
      expect.objectContaining({
        code: "dnsbl_listed",
        severity: "warn",
        message: expect.stringContaining("203.0.113.7 on zen.spamhaus.org"),
      }),
    ]);
    expect((await dns.questions()).slice(2)).toEqual([
      `MX ${domain.name}`,
      `CNAME ${domain.name}`,
      "A mx1.inbound.test",
      "A mx2.inbound.test",
      "A 7.113.0.203.zen.spamhaus.org",
      "A 7.113.0.203.b.barracudacentral.org",
      "A 7.113.0.203.dnsbl.sorbs.net",
    ]);
  });

  it("reports an MX pointing elsewhere as the error to fix, and a healthy domain as ok", async () => {
    const dns = stage();
    const api = client(await createTenant(), dns);
    const domain = await createDomain(api, dns);
    await dns.dns(found(domain.name, "MX", "10 mx.legacy.test."), nodata);
    const wrong = await body<{ ok: boolean; issues: Array<{ code: string }> }>(
      await api(`/v1/domains/${domain.name}/diagnose`, { method: "POST" }),
    );
    expect(wrong).toMatchObject({ ok: false, issues: [{ code: "mx_wrong_target", severity: "error" }] });
    await dns.dns(found(domain.name, "MX", "10 mx1.inbound.test."), nxdomain, nodata, nodata);
    const healthy = await body<{ ok: boolean; checks: Array<{ status: string }>; issues: object[] }>(
      await api(`/v1/domains/${domain.name}/diagnose`, { method: "POST" }),
    );
    expect(healthy.ok).toBe(true);
    expect(healthy.issues).toEqual([]);
    expect(healthy.checks.map((c) => c.status)).toEqual(["pass", "pass", "pass", "pass", "skipped"]);
  });
});

/** An RSA key pair as a DNS provider would check it: the PEM for the Worker, the public key for the test. */
async function signingKeys() {
  const pair = (await crypto.subtle.generateKey(
    {
      name: "RSASSA-PKCS1-v1_5",
      modulusLength: 2048,
      publicExponent: new Uint8Array([1, 0, 1]),
      hash: "SHA-256",
    },
    true,
    ["sign", "verify"],
  )) as CryptoKeyPair;
  const pkcs8 = new Uint8Array((await crypto.subtle.exportKey("pkcs8", pair.privateKey)) as ArrayBuffer);
  const base64 = btoa(String.fromCharCode(...pkcs8));
  const pem = `-----BEGIN PRIVATE KEY-----\n${base64.match(/.{1,64}/g)?.join("\n")}\n-----END PRIVATE KEY-----\n`;
  return { pem, publicKey: pair.publicKey };
}

describe("auto-configure (Domain Connect)", () => {
  const configured = (dns: Stage, pem: string) => ({
    DOMAIN_CONNECT_PROVIDER_ID: "novu-edge.test",
    DOMAIN_CONNECT_SERVICE_ID: "inbound-email",
    DOMAIN_CONNECT_KEY_HOST: "_dck1",
    DOMAIN_CONNECT_REDIRECT_URL: "https://dashboard.novu-edge.test/domains/{domain}",
    DOMAIN_CONNECT_PROVIDER_HOSTS: "127.0.0.1",
    DOMAIN_CONNECT_PRIVATE_KEY: pem,
    DNS_OVER_HTTPS_URL: dns.env.DNS_OVER_HTTPS_URL,
  });

  it("says it is off by default, with the records to add by hand, and start is a 400", async () => {
    const dns = stage();
    const tenant = await createTenant();
    const api = client(tenant, dns);
    const domain = await createDomain(api, dns);
    const res = await api(`/v1/domains/${domain.name}/auto-configure`);
    expect(res.status).toBe(200);
    expect(await body(res)).toEqual({
      available: false,
      reason: expect.stringContaining("not enabled"),
      reasonCode: "disabled",
      manualRecords: domain.expectedDnsRecords,
    });
    const start = await api(`/v1/domains/${domain.name}/auto-configure/start`, { method: "POST", body: {} });
    expect(start.status).toBe(400);
    expect(await start.json()).toMatchObject({
      statusCode: 400,
      message: expect.stringContaining("not enabled"),
    });
    // The body is optional: none at all is the same request.
    const ctx = createExecutionContext();
    const bare = await worker.fetch(
      new Request(`http://api.test/v1/domains/${domain.name}/auto-configure/start`, {
        method: "POST",
        headers: { authorization: `ApiKey ${tenant.secretKey}` },
      }),
      dns.env,
      ctx,
    );
    await waitOnExecutionContext(ctx);
    expect(bare.status).toBe(400);
    expect(await bare.json()).toMatchObject({ message: expect.stringContaining("not enabled") });
    expect(await dns.questions()).toHaveLength(2);
  });

  it("discovers the provider with the _domainconnect TXT record at the zone, then each longer name", async () => {
    const { pem } = await signingKeys();
    const dns = stage();
    const api = client(await createTenant(), { ...dns, env: { ...dns.env, ...configured(dns, pem) } });
    const domain = await createDomain(api, dns);
    await dns.dns(nxdomain, nodata, found("_domainconnect.acme-mail.test", "TXT", '"dc.unknown-dns.test"'));
    const none = await body(await api(`/v1/domains/${domain.name}/auto-configure`));
    expect(none).toMatchObject({ available: false, reasonCode: "discovery_not_configured" });
    const unsupported = await body(await api(`/v1/domains/${domain.name}/auto-configure`));
    expect(unsupported).toMatchObject({
      available: false,
      reasonCode: "unsupported_provider",
      reason: expect.stringContaining("dc.unknown-dns.test"),
      manualRecords: domain.expectedDnsRecords,
    });
    expect((await dns.questions()).slice(2)).toEqual([
      "TXT _domainconnect.acme-mail.test",
      `TXT _domainconnect.${domain.name}`,
      "TXT _domainconnect.acme-mail.test",
    ]);
  });

  it("checks the provider's settings and template, then signs an apply URL the provider can verify", async () => {
    const { pem, publicKey } = await signingKeys();
    const dns = stage();
    const api = client(await createTenant(), { ...dns, env: { ...dns.env, ...configured(dns, pem) } });
    const domain = await createDomain(api, dns);
    const providerHost = dns.base.replace("http://", "");
    const settings = {
      providerId: "cloudflare.com",
      providerName: "cloudflare",
      providerDisplayName: "Cloudflare",
      urlSyncUX: `${dns.base}/sync`,
      urlAPI: `${dns.base}/api`,
    };
    const templatePath = "/api/v2/domainTemplates/providers/novu-edge.test/services/inbound-email";
    const discovery = found("_domainconnect.acme-mail.test", "TXT", `"${providerHost}/dc"`);
    await dns.dns(discovery, discovery, discovery, discovery);
    await dns.script("/dc/v2/acme-mail.test/settings", [
      { status: 503 },
      { status: 200, body: JSON.stringify({ ...settings, urlSyncUX: "https://evil.test/sync" }) },
      { status: 200, body: JSON.stringify(settings) },
      { status: 200, body: JSON.stringify(settings) },
    ]);
    await dns.script(templatePath, [{ status: 404 }, { status: 200 }]);
    const status = async () => body(await api(`/v1/domains/${domain.name}/auto-configure`));
    expect(await status()).toMatchObject({ reasonCode: "provider_settings_unavailable" });
    expect(await status()).toMatchObject({
      reasonCode: "untrusted_provider_flow",
      providerName: "Cloudflare",
    });
    expect(await status()).toMatchObject({
      reasonCode: "template_not_onboarded",
      providerName: "Cloudflare",
    });
    expect(await status()).toEqual({
      available: true,
      providerName: "Cloudflare",
      providerId: "cloudflare.com",
      manualRecords: domain.expectedDnsRecords,
    });

    await dns.dns(discovery);
    await dns.script("/dc/v2/acme-mail.test/settings", [{ status: 200, body: JSON.stringify(settings) }]);
    await dns.script(templatePath, [{ status: 200 }]);
    const res = await api(`/v1/domains/${domain.name}/auto-configure/start`, {
      method: "POST",
      body: { redirectUri: "https://dashboard.novu-edge.test/settings/domains?tab=dns" },
    });
    expect(res.status).toBe(201);
    const started = await body<{ applyUrl: string; providerName: string; redirectUri: string }>(res);
    const redirect = `https://dashboard.novu-edge.test/settings/domains?tab=dns&domainConnect=submitted&domain=${domain.name}`;
    expect(started).toEqual({
      applyUrl: expect.any(String),
      providerName: "Cloudflare",
      redirectUri: redirect,
    });
    const url = new URL(started.applyUrl);
    expect(`${url.origin}${url.pathname}`).toBe(
      `${dns.base}/sync/v2/domainTemplates/providers/novu-edge.test/services/inbound-email/apply`,
    );
    const params = Object.fromEntries(url.searchParams);
    expect(params).toEqual({
      domain: "acme-mail.test",
      host: domain.name.replace(".acme-mail.test", ""),
      mailServerDomain: "mx1.inbound.test",
      redirect_uri: redirect,
      state: expect.any(String),
      key: "_dck1",
      sig: expect.any(String),
    });
    const state = JSON.parse(atob((params.state ?? "").replace(/-/g, "+").replace(/_/g, "/")));
    expect(state).toMatchObject({ domainId: domain._id, environmentId: domain._environmentId });
    const signed = started.applyUrl.slice(started.applyUrl.indexOf("?") + 1).replace(/&key=.*$/, "");
    const signature = Uint8Array.from(atob(params.sig ?? ""), (c) => c.charCodeAt(0));
    expect(
      await crypto.subtle.verify("RSASSA-PKCS1-v1_5", publicKey, signature, new TextEncoder().encode(signed)),
    ).toBe(true);
    const template = (await dns.requests(templatePath)).at(-1);
    expect(template?.method).toBe("GET");

    await dns.dns(discovery);
    await dns.script("/dc/v2/acme-mail.test/settings", [{ status: 200, body: JSON.stringify(settings) }]);
    await dns.script(templatePath, [{ status: 200 }]);
    const elsewhere = await api(`/v1/domains/${domain.name}/auto-configure/start`, {
      method: "POST",
      body: { redirectUri: "https://phish.test/back" },
    });
    expect(elsewhere.status).toBe(400);
    expect(await elsewhere.json()).toMatchObject({
      message: "redirectUri must be on https://dashboard.novu-edge.test, as the template allows.",
    });
    expect(
      (
        await api(`/v1/domains/${domain.name}/auto-configure/start`, {
          method: "POST",
          body: { redirectUri: "nope" },
        })
      ).status,
    ).toBe(422);
  });
});

async function createAgent(api: Client, bridgeUrl?: string) {
  const identifier = `support-bot-${crypto.randomUUID().slice(0, 6)}`;
  const res = await api("/v1/agents", { method: "POST", body: { name: "Support bot", identifier } });
  expect(res.status).toBe(201);
  if (bridgeUrl)
    expect((await api(`/v1/agents/${identifier}`, { method: "PATCH", body: { bridgeUrl } })).status).toBe(
      200,
    );
  return { ...(await body<{ _id: string }>(res)), identifier };
}

describe("/v1/domains/{domain}/routes", () => {
  it("creates, reads, lists, updates and deletes routes by address", async () => {
    const dns = stage();
    const api = client(await createTenant(), dns);
    const domain = await createDomain(api, dns);
    const routes = `/v1/domains/${domain.name}/routes`;
    const res = await api(routes, {
      method: "POST",
      body: { address: " Support ", type: "webhook", data: { queue: "l1" } },
    });
    expect(res.status).toBe(201);
    const support = await body<Route>(res);
    expect(support).toEqual({
      _id: expect.stringMatching(/^[0-9a-f]{24}$/),
      _domainId: domain._id,
      address: "support",
      type: "webhook",
      _environmentId: domain._environmentId,
      _organizationId: domain._organizationId,
      createdAt: expect.stringMatching(iso),
      updatedAt: expect.stringMatching(iso),
      data: { queue: "l1" },
    });
    const duplicate = await api(routes, { method: "POST", body: { address: "SUPPORT", type: "webhook" } });
    expect(duplicate.status).toBe(409);
    expect(await duplicate.json()).toMatchObject({
      message: `A route for "support@${domain.name}" already exists.`,
    });
    const wildcard = await body<Route>(
      await api(routes, { method: "POST", body: { address: "*", type: "webhook" } }),
    );
    expect(await body<Route>(await api(`${routes}/*`))).toEqual(wildcard);
    expect(await body<Route>(await api(`${routes}/Support`))).toEqual(support);

    const page = (await (await api(`${routes}?limit=1&orderDirection=ASC`)).json()) as Page<Route>;
    expect(page).toMatchObject({ data: [{ address: "support" }], totalCount: 2, previous: null });
    const rest = (await (
      await api(`${routes}?limit=1&orderDirection=ASC&after=${page.next}`)
    ).json()) as Page<Route>;
    expect(rest).toMatchObject({ data: [{ address: "*" }], next: null, previous: wildcard._id });

    const updated = await body<Route>(
      await api(`${routes}/support`, { method: "PATCH", body: { data: { queue: "l2" } } }),
    );
    expect(updated).toMatchObject({ address: "support", type: "webhook", data: { queue: "l2" } });
    expect(await body<Route>(await api(`${routes}/support`, { method: "PATCH", body: {} }))).toEqual(updated);
    expect((await api(`${routes}/support`, { method: "DELETE" })).status).toBe(204);
    expect((await api(`${routes}/support`)).status).toBe(404);
    for (const method of ["PATCH", "DELETE"]) {
      const gone = await api(`${routes}/support`, {
        method,
        body: method === "PATCH" ? { type: "webhook" } : undefined,
      });
      expect(gone.status).toBe(404);
      expect(await gone.json()).toMatchObject({ message: `Route "support@${domain.name}" not found.` });
    }
  });

  it("refuses bad addresses, types and metadata (422), and both cursors (400)", async () => {
    const dns = stage();
    const api = client(await createTenant(), dns);
    const domain = await createDomain(api, dns);
    const routes = `/v1/domains/${domain.name}/routes`;
    for (const address of [
      "",
      "hello world",
      ".hello",
      "hello.",
      "hello..there",
      `support@${domain.name}`,
      "x".repeat(65),
    ]) {
      const res = await api(routes, { method: "POST", body: { address, type: "webhook" } });
      expect(res.status, address).toBe(422);
      expect(await res.json()).toMatchObject({ errors: { address: {} } });
    }
    expect((await api(routes, { method: "POST", body: { address: "ok", type: "email" } })).status).toBe(422);
    expect(
      (await api(routes, { method: "POST", body: { address: "ok", type: "webhook", data: { n: 1 } } }))
        .status,
    ).toBe(422);
    const malformed = await api(routes, { method: "POST", raw: '{"address":' });
    expect([400, 422]).toContain(malformed.status);
    expect(await malformed.json()).toMatchObject({
      statusCode: malformed.status,
      message: expect.any(String),
    });
    const both = await api(`${routes}?after=a&before=b`);
    expect(both.status).toBe(400);
    expect((await (await api(routes)).json()) as Page<Route>).toMatchObject({ data: [], totalCount: 0 });
  });

  it("routes to agents by identifier (or internal id), and validates the agent on create and update", async () => {
    const dns = stage();
    const api = client(await createTenant(), dns);
    const domain = await createDomain(api, dns);
    const agent = await createAgent(api);
    const routes = `/v1/domains/${domain.name}/routes`;

    const missing = await api(routes, { method: "POST", body: { address: "bot", type: "agent" } });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ message: "agentId is required for agent routes." });
    const unknown = await api(routes, {
      method: "POST",
      body: { address: "bot", type: "agent", agentId: "ghost" },
    });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ message: 'Agent with identifier "ghost" not found.' });

    const bot = await body<Route>(
      await api(routes, {
        method: "POST",
        body: { address: "bot", type: "agent", agentId: agent.identifier },
      }),
    );
    expect(bot).toMatchObject({ type: "agent", agentId: agent._id });
    const byId = await api(routes, {
      method: "POST",
      body: { address: "bot2", type: "agent", agentId: agent._id },
    });
    expect(await body<Route>(byId)).toMatchObject({ agentId: agent._id });
    await api(routes, {
      method: "POST",
      body: { address: "hooks", type: "webhook", agentId: agent.identifier },
    }).then(async (res) => expect(await body<Route>(res)).not.toHaveProperty("agentId"));

    const filtered = (await (await api(`${routes}?agentId=${agent.identifier}`)).json()) as Page<Route>;
    expect(filtered.data.map((r) => r.address).sort()).toEqual(["bot", "bot2"]);
    expect((await api(`${routes}?agentId=ghost`)).status).toBe(404);

    const toWebhook = await body<Route>(
      await api(`${routes}/bot`, { method: "PATCH", body: { type: "webhook" } }),
    );
    expect(toWebhook.type).toBe("webhook");
    expect(toWebhook).not.toHaveProperty("agentId");
    const noAgent = await api(`${routes}/hooks`, { method: "PATCH", body: { type: "agent" } });
    expect(noAgent.status).toBe(400);
    expect(
      (await api(`${routes}/hooks`, { method: "PATCH", body: { type: "agent", agentId: "ghost" } })).status,
    ).toBe(404);
    expect(await body<Route>(await api(`${routes}/hooks`))).toMatchObject({ type: "webhook" });
    const toAgent = await api(`${routes}/hooks`, {
      method: "PATCH",
      body: { type: "agent", agentId: agent.identifier },
    });
    expect(await body<Route>(toAgent)).toMatchObject({ type: "agent", agentId: agent._id });
    const kept = await api(`${routes}/hooks`, { method: "PATCH", body: { data: { a: "b" } } });
    expect(await body<Route>(kept)).toMatchObject({ type: "agent", agentId: agent._id, data: { a: "b" } });
  });
});

async function createEndpoint(api: Client, url: string, eventTypes?: string[]) {
  const res = await api("/v1/webhooks/endpoints", {
    method: "POST",
    body: { url, ...(eventTypes ? { eventTypes } : {}) },
  });
  expect(res.status).toBe(201);
  return body<{ _id: string; secret: string }>(res);
}

type EmailEvent = { id: string; type: string; timestamp: string; data: Record<string, unknown> };

/** The request an endpoint received, checked as a receiver checks it. */
async function signedEvent(request: RecordedRequest | undefined, secret: string): Promise<EmailEvent> {
  expect(request).toMatchObject({ method: "POST", headers: { "novu-event-type": "email.received" } });
  const verdict = await verifyWebhookSignature(
    secret,
    request?.headers["novu-signature"],
    request?.body ?? "",
  );
  expect(verdict.valid).toBe(true);
  const event = JSON.parse(request?.body ?? "{}") as EmailEvent;
  expect(request?.headers["novu-webhook-id"]).toBe(event.id);
  return event;
}

describe("routes.test", () => {
  const email = {
    from: { address: "ada@example.com", name: "Ada" },
    subject: "Order 42",
    text: "Where is it?",
  };

  it("previews a webhook route with dryRun, calling nothing", async () => {
    const dns = stage();
    const api = client(await createTenant(), dns);
    const domain = await createDomain(api, dns);
    await createEndpoint(api, `${dns.base}/hooks`);
    await api(`/v1/domains/${domain.name}/routes`, {
      method: "POST",
      body: { address: "support", type: "webhook", data: { q: "1" } },
    });
    const res = await api(`/v1/domains/${domain.name}/routes/support/test`, {
      method: "POST",
      body: { ...email, dryRun: true },
    });
    expect(res.status).toBe(200);
    expect(await body(res)).toEqual({
      matched: true,
      dryRun: true,
      domainStatus: "pending",
      mxRecordConfigured: false,
      type: "webhook",
      wouldDeliverTo: `email.received event to this environment's outbound webhooks: ${dns.base}/hooks`,
      payload: {
        domain: { id: domain._id, name: domain.name, data: {} },
        route: { address: "support", data: { q: "1" } },
        mail: expect.objectContaining({
          from: [{ address: "ada@example.com", name: "Ada" }],
          to: [{ address: `support@${domain.name}`, name: "" }],
          subject: "Order 42",
          text: "Where is it?",
          html: "",
          messageId: expect.stringMatching(/^<novu-test-.+>$/),
        }),
      },
    });
    expect(await dns.requests("/hooks")).toEqual([]);

    const nothing = await api(`/v1/domains/${domain.name}/routes/sales/test`, {
      method: "POST",
      body: { ...email, dryRun: true },
    });
    expect(await body(nothing)).toEqual({
      matched: false,
      dryRun: true,
      domainStatus: "pending",
      mxRecordConfigured: false,
    });
  });

  it("delivers through the webhook route as production does: signed email.received to subscribed endpoints", async () => {
    const dns = stage();
    const api = client(await createTenant(), dns);
    const domain = await createDomain(api, dns);
    const all = await createEndpoint(api, `${dns.base}/all`);
    await createEndpoint(api, `${dns.base}/sent-only`, ["message.sent"]);
    await api(`/v1/domains/${domain.name}/routes`, {
      method: "POST",
      body: { address: "*", type: "webhook" },
    });
    const res = await api(`/v1/domains/${domain.name}/routes/anyone/test`, { method: "POST", body: email });
    const result = await body<{ webhook: { deliveries: object[] } }>(res);
    expect(result).toEqual({
      matched: true,
      dryRun: false,
      domainStatus: "pending",
      mxRecordConfigured: false,
      type: "webhook",
      webhook: {
        skipped: false,
        latencyMs: expect.any(Number),
        deliveries: [{ endpointId: all._id, url: `${dns.base}/all`, httpStatus: 200 }],
      },
    });
    expect(await dns.requests("/sent-only")).toEqual([]);
    const [request] = await dns.requests("/all");
    const event = await signedEvent(request, all.secret);
    expect(event).toMatchObject({
      id: expect.stringMatching(/^test-/),
      type: "email.received",
      timestamp: expect.stringMatching(iso),
      data: {
        domain: { id: domain._id, name: domain.name },
        route: { address: "*" },
        mail: { to: [{ address: `anyone@${domain.name}` }], subject: "Order 42", text: "Where is it?" },
      },
    });
  });

  it("reports skipped when no endpoint takes email.received", async () => {
    const dns = stage();
    const api = client(await createTenant(), dns);
    const domain = await createDomain(api, dns);
    await createEndpoint(api, `${dns.base}/sent-only`, ["message.sent"]);
    await api(`/v1/domains/${domain.name}/routes`, {
      method: "POST",
      body: { address: "support", type: "webhook" },
    });
    const result = await body(
      await api(`/v1/domains/${domain.name}/routes/support/test`, { method: "POST", body: email }),
    );
    expect(result).toMatchObject({
      matched: true,
      type: "webhook",
      webhook: { skipped: true, deliveries: [] },
    });
    const preview = await api(`/v1/domains/${domain.name}/routes/support/test`, {
      method: "POST",
      body: { ...email, dryRun: true },
    });
    expect(await body(preview)).toMatchObject({
      wouldDeliverTo: expect.stringContaining("nothing would be sent"),
    });
    expect(await dns.requests("/sent-only")).toEqual([]);
  });

  it("previews an agent route with dryRun, and otherwise hands the email to the agent's bridge", async () => {
    const dns = stage();
    const api = client(await createTenant(), dns);
    const domain = await createDomain(api, dns);
    const agent = await createAgent(api, `${dns.base}/bridge`);
    await api(`/v1/domains/${domain.name}/routes`, {
      method: "POST",
      body: { address: "bot", type: "agent", agentId: agent.identifier },
    });
    const test = `/v1/domains/${domain.name}/routes/bot/test`;

    const preview = await body(
      await api(test, { method: "POST", body: { ...email, html: "<p>Where?</p>", dryRun: true } }),
    );
    expect(preview).toEqual({
      matched: true,
      dryRun: true,
      domainStatus: "pending",
      mxRecordConfigured: false,
      type: "agent",
      wouldDeliverTo: `agent "${agent.identifier}" (its bridge's onMessage event)`,
      payload: {
        agentId: agent._id,
        channel: "email",
        from: { address: "ada@example.com", name: "Ada" },
        to: `bot@${domain.name}`,
        subject: "Order 42",
        text: "Where is it?",
        html: "<p>Where?</p>",
      },
    });
    expect(await dns.requests("/bridge")).toEqual([]);

    await dns.script("/bridge", [{ status: 200, body: JSON.stringify({ status: "ack" }) }]);
    const delivered = await body(await api(test, { method: "POST", body: email }));
    expect(delivered).toEqual({
      matched: true,
      dryRun: false,
      domainStatus: "pending",
      mxRecordConfigured: false,
      type: "agent",
      agent: {
        agentId: agent._id,
        httpStatus: 200,
        agentReply: { status: "ack" },
        latencyMs: expect.any(Number),
      },
    });
    const [call] = await dns.requests("/bridge");
    expect(call?.path).toContain("action=agent-event");
    expect(call?.path).toContain("event=onMessage");
    expect(JSON.parse(call?.body ?? "{}")).toMatchObject({
      event: "onMessage",
      agentId: agent.identifier,
      message: { text: "Where is it?", author: { userId: "ada@example.com" } },
    });
  });

  it("validates the synthetic email (422)", async () => {
    const dns = stage();
    const api = client(await createTenant(), dns);
    const domain = await createDomain(api, dns);
    const test = `/v1/domains/${domain.name}/routes/support/test`;
    for (const bad of [
      { ...email, from: { address: "not-an-email" } },
      { from: email.from },
      { ...email, dryRun: "yes" },
      { ...email, from: "ada@example.com" },
    ]) {
      const res = await api(test, { method: "POST", body: bad });
      expect(res.status).toBe(422);
      expect(await res.json()).toMatchObject({ statusCode: 422, errors: expect.any(Object) });
    }
  });
});

/** What Cloudflare Email Routing hands the Worker for one message; rejections are recorded. */
function inbound(to: string, raw: string, from = "ada@example.com") {
  const rejections: string[] = [];
  const message: ForwardableEmailMessage = {
    from,
    to,
    raw: new Blob([raw]).stream(),
    rawSize: raw.length,
    headers: new Headers(),
    setReject: (reason) => {
      rejections.push(reason);
    },
    forward: () => Promise.reject(new Error("not forwarded")),
    reply: () => Promise.reject(new Error("no reply")),
  };
  return { message, rejections };
}

const utf8Base64 = (text: string) => btoa(String.fromCharCode(...new TextEncoder().encode(text)));

function mime(to: string) {
  return [
    'From: "Ada Lovelace" <ada@example.com>',
    `To: ${to}`,
    "Cc: Bob <bob@example.com>,",
    " =?UTF-8?Q?Ren=C3=A9e?= <renee@example.com>",
    `Subject: =?UTF-8?B?${utf8Base64("Re: commande ")}?=`,
    ` =?UTF-8?B?${utf8Base64("✓")}?=`,
    "Message-ID: <m1@example.com>",
    "In-Reply-To: <orig@novu.test>",
    "References: <a@example.com> <orig@novu.test>",
    "Date: Tue, 03 Mar 2026 10:00:00 +0000",
    "MIME-Version: 1.0",
    'Content-Type: multipart/mixed; boundary="outer"',
    "",
    "This is a multi-part message.",
    "--outer",
    "Content-Type: multipart/alternative; boundary=inner",
    "",
    "--inner",
    "Content-Type: text/plain; charset=utf-8",
    "Content-Transfer-Encoding: quoted-printable",
    "",
    "Bonjour, voil=C3=A0 ma commande.=",
    " Merci",
    "--inner",
    "Content-Type: text/html; charset=utf-8",
    "Content-Transfer-Encoding: base64",
    "",
    utf8Base64("<p>Bonjour, voilà</p>"),
    "--inner--",
    "--outer",
    'Content-Type: application/pdf; name="invoice.pdf"',
    "Content-Disposition: attachment; filename*=utf-8''facture%20%C3%A9t%C3%A9.pdf",
    "Content-Transfer-Encoding: base64",
    "",
    "JVBERi0xLjQK",
    "--outer--",
    "",
  ].join("\r\n");
}

describe("inbound mail (the Worker's email handler)", () => {
  it("parses the message and raises a signed email.received for the recipient's route, with a stable id", async () => {
    const dns = stage();
    const api = client(await createTenant(), dns);
    const domain = await verifiedDomain(api, dns);
    const endpoint = await createEndpoint(api, `${dns.base}/hooks`);
    await api(`/v1/domains/${domain.name}/routes`, {
      method: "POST",
      body: { address: "support", type: "webhook", data: { q: "l1" } },
    });
    const to = `Support+order-42@${domain.name.toUpperCase()}`;

    const { message, rejections } = inbound(to, mime(to));
    await worker.email(message, dns.env);
    expect(rejections).toEqual([]);
    const [request] = await dns.requests("/hooks");
    const event = await signedEvent(request, endpoint.secret);
    expect(event).toEqual({
      id: expect.stringMatching(/^email-[0-9a-f]{32}$/),
      type: "email.received",
      timestamp: expect.stringMatching(iso),
      data: {
        domain: { id: domain._id, name: domain.name, data: {} },
        route: { address: "support", data: { q: "l1" } },
        mail: {
          from: [{ address: "ada@example.com", name: "Ada Lovelace" }],
          to: [{ address: to, name: "" }],
          cc: [
            { address: "bob@example.com", name: "Bob" },
            { address: "renee@example.com", name: "Renée" },
          ],
          subject: "Re: commande ✓",
          text: "Bonjour, voilà ma commande. Merci",
          html: "<p>Bonjour, voilà</p>",
          headers: expect.objectContaining({ "message-id": "<m1@example.com>", "mime-version": "1.0" }),
          messageId: "<m1@example.com>",
          inReplyTo: "<orig@novu.test>",
          references: ["<a@example.com>", "<orig@novu.test>"],
          date: "2026-03-03T10:00:00.000Z",
          attachments: [{ filename: "facture été.pdf", contentType: "application/pdf", size: 9 }],
        },
      },
    });

    // Redelivered after a temporary failure: the same event id, so the receiver can drop it.
    const again = inbound(to, mime(to));
    await worker.email(again.message, dns.env);
    const second = await signedEvent((await dns.requests("/hooks"))[1], endpoint.secret);
    expect(second.id).toBe(event.id);
  });

  it("rejects mail for unknown or unverified domains and for addresses without a route", async () => {
    const dns = stage();
    const api = client(await createTenant(), dns);
    const pending = await createDomain(api, dns);
    await api(`/v1/domains/${pending.name}/routes`, {
      method: "POST",
      body: { address: "*", type: "webhook" },
    });
    const verified = await verifiedDomain(api, dns);
    await api(`/v1/domains/${verified.name}/routes`, {
      method: "POST",
      body: { address: "support", type: "webhook" },
    });
    await createEndpoint(api, `${dns.base}/hooks`);

    for (const [to, reason] of [
      [`support@${pending.name}`, "Recipient domain is not accepted here"],
      ["support@unknown.acme-mail.test", "Recipient domain is not accepted here"],
      [`sales@${verified.name}`, "No such recipient"],
    ] as const) {
      const { message, rejections } = inbound(to, mime(to));
      await worker.email(message, dns.env);
      expect(rejections, to).toEqual([reason]);
    }
    expect(await dns.requests("/hooks")).toEqual([]);
  });

  it("fails temporarily when no endpoint accepts the event, and bounces when there is none", async () => {
    const dns = stage();
    const api = client(await createTenant(), dns);
    const domain = await verifiedDomain(api, dns);
    await api(`/v1/domains/${domain.name}/routes`, {
      method: "POST",
      body: { address: "*", type: "webhook" },
    });
    const to = `hello@${domain.name}`;
    const none = inbound(to, mime(to));
    await worker.email(none.message, dns.env);
    expect(none.rejections).toEqual(["No webhook endpoint takes mail for this address"]);

    await createEndpoint(api, `${dns.base}/down`);
    await dns.script("/down", [{ status: 503 }]);
    const down = inbound(to, mime(to));
    await expect(worker.email(down.message, dns.env)).rejects.toThrow(/no webhook endpoint accepted/);
    expect(down.rejections).toEqual([]);
    expect(await dns.requests("/down")).toHaveLength(1);
  });

  it("hands mail for an agent route to the agent; an unreachable bridge is a temporary failure", async () => {
    const dns = stage();
    const api = client(await createTenant(), dns);
    const domain = await verifiedDomain(api, dns);
    const agent = await createAgent(api, `${dns.base}/bridge`);
    await api(`/v1/domains/${domain.name}/routes`, {
      method: "POST",
      body: { address: "*", type: "agent", agentId: agent.identifier },
    });
    const to = `help@${domain.name}`;
    const raw = [
      "From: Ada <ada@example.com>",
      `To: ${to}`,
      "Subject: Hello",
      "Message-ID: <m2@example.com>",
      "Content-Type: text/html; charset=iso-8859-1",
      "Content-Transfer-Encoding: quoted-printable",
      "",
      "<p>Caf=E9 ouvert ?</p><br>A bient=F4t",
      "",
    ].join("\r\n");
    const { message, rejections } = inbound(to, raw);
    await worker.email(message, dns.env);
    expect(rejections).toEqual([]);
    const [call] = await dns.requests("/bridge");
    expect(JSON.parse(call?.body ?? "{}")).toMatchObject({
      event: "onMessage",
      message: { text: "Café ouvert ?\n\nA bientôt" },
      platformContext: { message: { to, subject: "Hello", html: "<p>Café ouvert ?</p><br>A bientôt\r\n" } },
    });

    await dns.script("/bridge", [{ status: 502 }]);
    await expect(worker.email(inbound(to, raw).message, dns.env)).rejects.toThrow(/answered 502/);
  });
});

describe("environment isolation", () => {
  it("never shows or changes another environment's domains and routes", async () => {
    const dns = stage();
    const mine = client(await createTenant(), dns);
    const other = client(await createTenant(), dns);
    const domain = await createDomain(mine, dns, uniqueName(), { owner: "me" });
    await mine(`/v1/domains/${domain.name}/routes`, {
      method: "POST",
      body: { address: "support", type: "webhook" },
    });

    expect((await (await other("/v1/domains")).json()) as Page<Domain>).toMatchObject({
      data: [],
      totalCount: 0,
    });
    for (const [method, path, payload] of [
      ["GET", ""],
      ["PATCH", "", { data: { owner: "them" } }],
      ["DELETE", ""],
      ["POST", "/verify"],
      ["POST", "/diagnose"],
      ["GET", "/auto-configure"],
      ["POST", "/auto-configure/start", {}],
      ["GET", "/routes"],
      ["POST", "/routes", { address: "sales", type: "webhook" }],
      ["GET", "/routes/support"],
      ["PATCH", "/routes/support", { type: "webhook", data: { x: "y" } }],
      ["DELETE", "/routes/support"],
      ["POST", "/routes/support/test", { from: { address: "a@b.co" }, subject: "s" }],
    ] as const) {
      const res = await other(`/v1/domains/${domain.name}${path}`, { method, body: payload });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(await res.json()).toMatchObject({
        statusCode: 404,
        message: `Domain "${domain.name}" not found.`,
      });
    }
    expect(await body<Domain>(await mine(`/v1/domains/${domain.name}`))).toMatchObject({
      data: { owner: "me" },
    });
    const routes = (await (await mine(`/v1/domains/${domain.name}/routes`)).json()) as Page<Route>;
    expect(routes.data.map((r) => r.address)).toEqual(["support"]);
    expect(await dns.questions()).toHaveLength(2);
  });
});
