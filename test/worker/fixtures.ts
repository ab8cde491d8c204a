import { SELF } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { Novu } from "@novu/api";
import { HTTPClient } from "@novu/api/lib/http";
import { inject } from "vitest";
import { database } from "../../src/db/client";
import { apiKeys, environments, organizations } from "../../src/db/schema";
import { sha256Hex } from "../../src/lib/crypto";
import { objectId } from "../../src/lib/ids";
import { seal } from "../../src/lib/secret-box";
import type { BridgeRequest } from "../support/framework-bridge";
import type { RecordedRequest } from "../support/recording-server";

export type TestTenant = {
  environmentId: string;
  organizationId: string;
  applicationIdentifier: string;
  secretKey: string;
};

/** A fresh organization with one environment and API key, so tests never see each other's data. */
export async function createTenant(type: "dev" | "prod" = "dev"): Promise<TestTenant> {
  const now = Date.now();
  const organizationId = objectId();
  const environmentId = objectId();
  const secretKey = crypto.randomUUID().replaceAll("-", "");
  const applicationIdentifier = `app-${crypto.randomUUID().slice(0, 8)}`;
  const db = database(env);
  await db.batch([
    db.insert(organizations).values({ id: organizationId, name: "Test org", createdAt: now, updatedAt: now }),
    db.insert(environments).values({
      id: environmentId,
      organizationId,
      name: type === "dev" ? "Development" : "Production",
      type,
      identifier: applicationIdentifier,
      createdAt: now,
      updatedAt: now,
    }),
    db.insert(apiKeys).values({
      id: objectId(),
      environmentId,
      keyHash: await sha256Hex(secretKey),
      sealedKey: await seal(env, secretKey),
      createdAt: now,
    }),
  ]);
  return { environmentId, organizationId, applicationIdentifier, secretKey };
}

type RequestOptions = { method?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> };

/** Calls the Worker as a client would, through its real fetch handler. */
export function call(path: string, options: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.body !== undefined || options.rawBody !== undefined)
    headers["content-type"] ??= "application/json";
  return SELF.fetch(`http://api.test${path}`, {
    method: options.method ?? "GET",
    headers,
    body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
}

export function api(tenant: TestTenant) {
  const auth = { authorization: `ApiKey ${tenant.secretKey}` };
  return (path: string, options: RequestOptions = {}) =>
    call(path, { ...options, headers: { ...auth, ...options.headers } });
}

export const inAppWorkflow = (workflowId: string, controlValues: Record<string, unknown> = {}) => ({
  name: `Workflow ${workflowId}`,
  workflowId,
  steps: [
    {
      name: "In-App",
      type: "in_app",
      controlValues: {
        subject: "Hi {{subscriber.firstName}}",
        body: "{{payload.message}}",
        ...controlValues,
      },
    },
  ],
});

export async function openInbox(tenant: TestTenant, subscriberId: string) {
  const res = await call("/v1/inbox/session", {
    method: "POST",
    body: { applicationIdentifier: tenant.applicationIdentifier, subscriber: { subscriberId } },
  });
  const { data } = await res.json<{ data: { token: string; totalUnreadCount: number } }>();
  const auth = { authorization: `Bearer ${data.token}` };
  return {
    token: data.token,
    totalUnreadCount: data.totalUnreadCount,
    call: (path: string, options: RequestOptions = {}) =>
      call(path, { ...options, headers: { ...auth, ...options.headers } }),
  };
}

/** The official `@novu/api` SDK, calling the Worker through its fetch handler (no retries, so errors surface). */
export function sdk(tenant: TestTenant) {
  return new Novu({
    secretKey: tenant.secretKey,
    serverURL: "http://api.test",
    retryConfig: { strategy: "none" },
    httpClient: new HTTPClient({ fetcher: (input, init) => SELF.fetch(input as Request, init) }),
  });
}

const host = inject("providerHost");

/** A unique path prefix on the recording host per test, used as the integration's baseUrl. */
export function providerPath(name: string) {
  const prefix = `/${name}-${crypto.randomUUID().slice(0, 8)}`;
  return {
    baseUrl: `${host}${prefix}`,
    script: (
      path: string,
      answers: Array<{ status: number; headers?: Record<string, string>; body?: string }>,
    ) =>
      fetch(`${host}/__script`, {
        method: "POST",
        body: JSON.stringify({ path: `${prefix}${path}`, answers }),
      }),
    requests: async () =>
      (await (await fetch(`${host}/__requests?prefix=${prefix}`)).json()) as RecordedRequest[],
  };
}

/** An active SendGrid integration whose API host is a fresh path on the recording server. */
export async function sendgridIntegration(server: ReturnType<typeof api>, name: string) {
  const host = providerPath(name);
  const res = await server("/v1/integrations", {
    method: "POST",
    body: {
      providerId: "sendgrid",
      channel: "email",
      active: true,
      credentials: { apiKey: "k", from: "f@acme.io", baseUrl: host.baseUrl },
    },
  });
  if (res.status !== 201) throw new Error(`integration not created: ${res.status}`);
  return host;
}

const bridgeHost = inject("bridgeHost");

/**
 * The tenant's own `@novu/framework` bridge on the shared bridge host (it checks signatures with the tenant's
 * secret key), and what the platform asked it.
 */
export function frameworkBridge(tenant: TestTenant, set: "all" | "small" = "all") {
  const url = `${bridgeHost}/${tenant.secretKey}/api/novu${set === "small" ? "?set=small" : ""}`;
  return {
    url,
    requests: async () =>
      (await (await fetch(`${bridgeHost}/__requests/${tenant.secretKey}`)).json()) as BridgeRequest[],
  };
}
