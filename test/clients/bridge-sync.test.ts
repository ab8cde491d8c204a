// Code-first workflows end to end: a real `@novu/framework` bridge, the real `novu sync` CLI, a real `wrangler dev`.
import { execFile } from "node:child_process";
import type { Server } from "node:http";
import { promisify } from "node:util";
import { Novu } from "@novu/api";
import { ErrorDto } from "@novu/api/models/errors";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { startFrameworkBridge } from "../support/framework-bridge";

const run = promisify(execFile);
const apiUrl = inject("apiUrl");
const { secretKey } = inject("development");
const production = inject("production");
const suffix = Date.now().toString(36);

let bridgeHost: string;
let server: Server;

beforeAll(async () => {
  ({ url: bridgeHost, server } = await startFrameworkBridge());
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

/** `npx novu sync`, exactly as a CI job runs it. */
function novuSync(bridgeUrl: string, key: string) {
  return run("npx", ["novu", "sync", "--bridge-url", bridgeUrl, "--secret-key", key, "--api-url", apiUrl], {
    timeout: 60_000,
  });
}

describe("novu sync", { timeout: 90_000 }, () => {
  it("publishes the bridge's workflows into the key's environment, which then runs them on the bridge", async () => {
    const sync = await novuSync(`${bridgeHost}/${secretKey}/api/novu`, secretKey);
    expect(sync.stderr).not.toMatch(/error/i);

    const novu = new Novu({ secretKey, serverURL: apiUrl, retryConfig: { strategy: "none" } });
    const list = await novu.workflows.list({ limit: 100 });
    const synced = list.result.workflows.filter((w) => w.origin === "external").map((w) => w.workflowId);
    expect(synced.sort()).toEqual(["bridge-delay", "bridge-digest", "bridge-failing", "bridge-welcome"]);

    const subscriberId = `code-first-${suffix}`;
    await novu.trigger({
      workflowId: "bridge-welcome",
      to: { subscriberId, firstName: "Grace" },
      payload: { item: "compiler" },
    });
    const feed = await vi.waitFor(
      async () => {
        const res = await fetch(`${apiUrl}/v1/subscribers/${subscriberId}/notifications/feed`, {
          headers: { authorization: `ApiKey ${secretKey}` },
        });
        const body = (await res.json()) as { data: Array<{ content: string }> };
        expect(body.data).toHaveLength(1);
        return body.data;
      },
      { timeout: 10_000, interval: 200 },
    );
    expect(feed[0]?.content).toBe("Hello Grace: compiler on the compiler-plan {{not liquid}}");
  });

  it("keeps environments apart: Production syncs with its own key, and a wrong key fails the CLI", async () => {
    await novuSync(`${bridgeHost}/${production.secretKey}/api/novu?set=small`, production.secretKey);
    const novu = new Novu({
      secretKey: production.secretKey,
      serverURL: apiUrl,
      retryConfig: { strategy: "none" },
    });
    const list = await novu.workflows.list({ limit: 100 });
    expect(list.result.workflows.filter((w) => w.origin === "external").map((w) => w.workflowId)).toEqual([
      "bridge-welcome",
    ]);

    const failure = await novuSync(`${bridgeHost}/${secretKey}/api/novu`, "not-a-key").then(
      () => undefined,
      (error: { code?: number }) => error,
    );
    expect(failure?.code).toBe(1);
  });
});

describe("workflow management as code (update first, create on 404)", () => {
  it("creates the workflow the first time and updates it afterwards", async () => {
    const novu = new Novu({ secretKey, serverURL: apiUrl, retryConfig: { strategy: "none" } });
    const workflowId = `as-code-${suffix}`;
    const upsert = async (body: string) => {
      const definition = {
        name: "Managed in git",
        origin: "external" as const,
        preferences: {},
        steps: [{ name: "Inbox", type: "in_app" as const, controlValues: { body } }],
      };
      try {
        return (await novu.workflows.update(definition, workflowId)).result;
      } catch (error) {
        if (!(error instanceof ErrorDto) || error.statusCode !== 404) throw error;
        return (await novu.workflows.create({ ...definition, workflowId, active: true })).result;
      }
    };
    const first = await upsert("v1");
    const second = await upsert("v2");
    expect(second.id).toBe(first.id);
    expect(second.steps[0]?.controlValues).toMatchObject({ body: "v2" });
  });
});
