// The runnable examples (examples/*.mjs) as a user runs them: `node examples/x.mjs` with NOVU_* variables, against
// the suite's `wrangler dev`; their output and what they leave on the server are both checked.
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { Novu } from "@novu/api";
import { afterAll, describe, expect, inject, it, vi } from "vitest";
import { freePort } from "../../scripts/dev-environment.mjs";

const root = path.resolve(import.meta.dirname, "..", "..");
const apiUrl = inject("apiUrl");
const { secretKey, applicationIdentifier } = inject("development");
const run = Date.now().toString(36);
const server = new Novu({ secretKey, serverURL: apiUrl, retryConfig: { strategy: "none" } });
const running = new Set<ChildProcess>();

type Outcome = { code: number | null; stdout: string; stderr: string };

/** Starts an example; `outcome` settles when it exits, `printed(text)` when its stdout first contains `text`. */
function start(example: string, variables: Record<string, string>) {
  const child = spawn(process.execPath, [path.join(root, "examples", example)], {
    cwd: root,
    // Only what a user would set: no inherited NOVU_* from the machine running the tests.
    env: { PATH: process.env.PATH, ...variables },
  });
  running.add(child);
  let stdout = "";
  let stderr = "";
  const waiters: { text: string; resolve: () => void }[] = [];
  child.stdout.on("data", (chunk) => {
    stdout += chunk;
    for (const waiter of waiters.filter((w) => stdout.includes(w.text))) waiter.resolve();
  });
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
  });
  const outcome = new Promise<Outcome>((resolve) =>
    child.on("exit", (code) => {
      running.delete(child);
      resolve({ code, stdout, stderr });
    }),
  );
  const printed = (text: string) =>
    new Promise<void>((resolve, reject) => {
      if (stdout.includes(text)) return resolve();
      waiters.push({ text, resolve });
      outcome.then(({ code }) => reject(new Error(`${example} exited (${code}) before printing "${text}"`)));
    });
  return { outcome, printed };
}

const runExample = (example: string, variables: Record<string, string>) => start(example, variables).outcome;

const serverVariables = (subscriberId: string, workflowId: string) => ({
  NOVU_API_URL: apiUrl,
  NOVU_SECRET_KEY: secretKey,
  NOVU_SUBSCRIBER_ID: subscriberId,
  NOVU_WORKFLOW_ID: workflowId,
});

afterAll(() => {
  for (const child of running) child.kill();
});

describe("examples/trigger.mjs (@novu/api)", () => {
  it("creates the workflow once, triggers it, and the subscriber's Inbox holds the notification", async () => {
    const subscriberId = `example-ada-${run}`;
    const workflowId = `example-welcome-${run}`;
    const first = await runExample("trigger.mjs", serverVariables(subscriberId, workflowId));
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`workflow ${workflowId} created`);
    expect(first.stdout).toMatch(new RegExp(`triggered ${workflowId} for ${subscriberId}: processed`));

    const second = await runExample("trigger.mjs", serverVariables(subscriberId, workflowId));
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(`workflow ${workflowId} exists`);

    const inbox = await server.subscribers.notifications.list({ subscriberId });
    expect(inbox.result.data.map((n) => n.subject)).toEqual(["Welcome, Ada", "Welcome, Ada"]);
  });

  it("fails with a clear message without its variables or with a wrong key", async () => {
    const bare = await runExample("trigger.mjs", {});
    expect(bare.code).toBe(1);
    expect(bare.stderr).toContain("Set NOVU_API_URL and NOVU_SECRET_KEY");

    const wrongKey = await runExample("trigger.mjs", {
      ...serverVariables(`nobody-${run}`, `never-${run}`),
      NOVU_SECRET_KEY: "not-a-key",
    });
    expect(wrongKey.code).not.toBe(0);
    expect(wrongKey.stderr).toContain("trigger.mjs failed: 401");
    await expect(server.workflows.get(`never-${run}`)).rejects.toMatchObject({ statusCode: 404 });
  });
});

describe("examples/inbox-node.mjs (@novu/js in Node)", () => {
  const inboxVariables = (subscriberId: string, extra: Record<string, string> = {}) => ({
    NOVU_API_URL: apiUrl,
    NOVU_APPLICATION_IDENTIFIER: applicationIdentifier,
    NOVU_SUBSCRIBER_ID: subscriberId,
    ...extra,
  });

  it("lists the Inbox, then receives a notification sent by examples/trigger.mjs live", async () => {
    const subscriberId = `example-grace-${run}`;
    const inbox = start("inbox-node.mjs", inboxVariables(subscriberId));
    await inbox.printed(`${subscriberId} has 0 recent notification(s)`);
    await inbox.printed("listening");

    const sent = await runExample("trigger.mjs", serverVariables(subscriberId, `example-live-${run}`));
    expect(sent.code).toBe(0);
    const received = await inbox.outcome;
    expect(received.stderr).toBe("");
    expect(received.code).toBe(0);
    expect(received.stdout).toContain("received live: Welcome, Ada Sent by examples/trigger.mjs");

    // A second run finds it in the list; nothing new arrives, so it gives up after its (short) wait.
    const again = await runExample(
      "inbox-node.mjs",
      inboxVariables(subscriberId, { NOVU_WAIT_SECONDS: "1" }),
    );
    expect(again.stdout).toContain(`${subscriberId} has 1 recent notification(s)`);
    expect(again.stdout).toContain("• Welcome, Ada Sent by examples/trigger.mjs");
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("no notification within 1 s");
  });

  it("fails with a clear message without its variables or with an unknown application identifier", async () => {
    const bare = await runExample("inbox-node.mjs", {});
    expect(bare.code).toBe(1);
    expect(bare.stderr).toContain("Set NOVU_API_URL and NOVU_APPLICATION_IDENTIFIER");

    const unknown = await runExample(
      "inbox-node.mjs",
      inboxVariables(`nobody-${run}`, { NOVU_APPLICATION_IDENTIFIER: "no-such-app" }),
    );
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("could not open the Inbox");
  });
});

describe("examples/bridge.mjs (@novu/framework + novu sync)", { timeout: 90_000 }, () => {
  it("serves a bridge, syncs it, and a trigger runs the code-first workflow on it", async () => {
    // An environment of its own: a sync replaces the code-first workflows of the environment it targets.
    const created = await fetch(`${apiUrl}/v1/environments`, {
      method: "POST",
      headers: { authorization: `ApiKey ${secretKey}`, "content-type": "application/json" },
      body: JSON.stringify({ name: `Examples ${run}`, color: "#336699" }),
    });
    const { data } = (await created.json()) as { data: { apiKeys: Array<{ key: string }> } };
    const key = data.apiKeys[0]?.key ?? "";
    const bridge = start("bridge.mjs", {
      NOVU_API_URL: apiUrl,
      NOVU_SECRET_KEY: key,
      PORT: String(await freePort()),
    });
    await bridge.printed("synced");

    const novu = new Novu({ secretKey: key, serverURL: apiUrl, retryConfig: { strategy: "none" } });
    const subscriberId = `example-bridge-${run}`;
    await novu.trigger({
      workflowId: "example-code-first",
      to: { subscriberId, firstName: "Linus" },
      payload: { item: "keyboard" },
    });
    const inbox = await vi.waitFor(
      async () => {
        const list = await novu.subscribers.notifications.list({ subscriberId });
        expect(list.result.data).toHaveLength(1);
        return list.result.data;
      },
      { timeout: 10_000, interval: 200 },
    );
    expect(inbox[0]).toMatchObject({ subject: "Order update", body: "Linus, your keyboard has shipped." });
  });

  it("fails with a clear message without its variables", async () => {
    const bare = await runExample("bridge.mjs", {});
    expect(bare.code).toBe(1);
    expect(bare.stderr).toContain("Set NOVU_API_URL and NOVU_SECRET_KEY");
  });
});
