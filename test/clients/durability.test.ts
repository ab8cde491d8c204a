// A pending delay survives a restart of `wrangler dev`: the run and its alarm live in the subscriber's Durable
// Object storage, persisted under the state folder, and the notification is delivered once after the restart.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort, prepareLocalState, startWorker, stopWorker } from "../../scripts/dev-environment.mjs";

const persistTo = mkdtempSync(path.join(tmpdir(), "novu-edge-durability-"));
const keys = { secretKey: "durability-suite-secret-key", applicationIdentifier: "durability-suite-app" };
afterAll(() => rmSync(persistTo, { recursive: true, force: true }));

async function boot() {
  const { child, url } = await startWorker({ port: await freePort(), persistTo, stdio: "ignore" });
  const call = (route: string, body?: unknown) =>
    fetch(`${url}${route}`, {
      method: body === undefined ? "GET" : "POST",
      headers: { authorization: `ApiKey ${keys.secretKey}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  return { child, url, call };
}

async function inboxBodies(url: string, subscriberId: string): Promise<string[]> {
  const session = await fetch(`${url}/v1/inbox/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ applicationIdentifier: keys.applicationIdentifier, subscriber: { subscriberId } }),
  });
  const { data } = (await session.json()) as { data: { token: string } };
  const list = await fetch(`${url}/v1/inbox/notifications`, {
    headers: { authorization: `Bearer ${data.token}` },
  });
  return ((await list.json()) as { data: Array<{ body: string }> }).data.map((n) => n.body);
}

describe("durability across a wrangler dev restart", () => {
  it("delivers a delayed notification once after the server restarts", { timeout: 90_000 }, async () => {
    prepareLocalState({ persistTo, ...keys });
    const first = await boot();
    const created = await first.call("/v2/workflows", {
      name: "Later",
      workflowId: "later",
      steps: [
        { name: "Wait", type: "delay", controlValues: { amount: 8, unit: "seconds" } },
        { name: "Inbox", type: "in_app", controlValues: { body: "after the restart" } },
      ],
    });
    expect(created.status).toBe(201);
    expect((await first.call("/v1/events/trigger", { name: "later", to: "durable" })).status).toBe(201);
    expect(await inboxBodies(first.url, "durable")).toEqual([]);
    await stopWorker(first.child);

    const second = await boot();
    try {
      const deadline = Date.now() + 30_000;
      let bodies: string[] = [];
      while (Date.now() < deadline && bodies.length === 0) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        bodies = await inboxBodies(second.url, "durable");
      }
      expect(bodies).toEqual(["after the restart"]);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(await inboxBodies(second.url, "durable")).toEqual(["after the restart"]);
    } finally {
      await stopWorker(second.child);
    }
  });
});
