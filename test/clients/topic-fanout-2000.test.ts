// A topic of 2,001 subscribers, one of them the actor, against a real `wrangler dev`: the trigger fans out through
// the FANOUT queue in cursor-paged batches of 100 and every member but the actor gets the in-app notification.
//
// It runs here rather than in the workers pool, where the cost of starting a Durable Object grows with the number
// already started (100 new SubscriberDOs took 5 s at first and 62 s after 700), and on a `wrangler dev` of its own:
// one local workerd holds a few thousand SQLite-backed objects before its SQLite allocator fails with SQLITE_NOMEM
// (bench/results/latest.md), so these 2,001 must not share a process with the other client suites' objects.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, prepareLocalState, startWorker, stopWorker } from "../../scripts/dev-environment.mjs";

const secretKey = "fanout-2000-development-secret-key";
const applicationIdentifier = "fanout-2000-dev-app";
const persistTo = mkdtempSync(path.join(tmpdir(), "novu-edge-fanout-"));
let url = "";
let stop = async () => {};

beforeAll(async () => {
  prepareLocalState({ persistTo, secretKey, applicationIdentifier });
  const { child, url: started } = await startWorker({ port: await freePort(), persistTo, stdio: "ignore" });
  url = started;
  stop = () => stopWorker(child);
}, 120_000);

afterAll(async () => {
  await stop();
  rmSync(persistTo, { recursive: true, force: true });
});

const run = crypto.randomUUID().slice(0, 8);
const workflowId = `fanout-2000-${run}`;
const topicKey = `fanout-2000-${run}`;
const transactionId = `fanout-2000-${run}`;
const members = Array.from({ length: 2001 }, (_, i) => `fan-${run}-${String(i).padStart(4, "0")}`);
const actor = members[1000] ?? "";

/**
 * Calls the API. Reads give up after 10 s: while thousands of objects start, a local read can wait behind them for
 * the whole fan-out, and a poll that gives up is simply repeated.
 */
async function server<T>(route: string, body?: unknown): Promise<{ status: number; json: T }> {
  const res = await fetch(`${url}${route}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { authorization: `ApiKey ${secretKey}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: body === undefined ? AbortSignal.timeout(10_000) : undefined,
  });
  return { status: res.status, json: (await res.json()) as T };
}

/** Runs `work` over `items`, `width` at a time. */
async function inGroups<T, R>(items: T[], width: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += width) {
    results.push(...(await Promise.all(items.slice(i, i + width).map(work))));
  }
  return results;
}

const slices = (list: string[], size: number) =>
  Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, i * size + size));

async function unreadOf(subscriberId: string): Promise<number> {
  const res = await fetch(`${url}/v1/inbox/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ applicationIdentifier, subscriber: { subscriberId } }),
  });
  const { data } = (await res.json()) as { data: { totalUnreadCount: number } };
  return data.totalUnreadCount;
}

type Activity = { subscriber: { subscriberId: string }; jobs: Array<{ type: string; status: string }> };

/**
 * The transaction's activity rows, 50 a page: one per subscriber whose object stored the message. The list is newest
 * first and rows keep arriving during the fan-out, so every poll reads it whole rather than resuming a page.
 */
async function activity(): Promise<Activity[]> {
  const rows: Activity[] = [];
  for (let page = 0; ; page++) {
    const { json } = await server<{ data: Activity[]; hasMore: boolean }>(
      `/v1/notifications?transactionId=${transactionId}&limit=50&page=${page}`,
    );
    rows.push(...json.data);
    if (!json.hasMore) return rows;
  }
}

describe("a topic of 2,001 subscribers", () => {
  it("reaches every inbox but the actor's, through the FANOUT queue", { timeout: 300_000 }, async () => {
    const workflow = await server("/v2/workflows", {
      name: "Fan-out 2000",
      workflowId,
      active: true,
      steps: [{ name: "Inbox", type: "in_app", controlValues: { body: "{{payload.message}}" } }],
    });
    expect(workflow.status).toBe(201);
    await inGroups(slices(members, 500), 2, async (chunk) => {
      const res = await server("/v1/subscribers/bulk", {
        subscribers: chunk.map((subscriberId) => ({ subscriberId })),
      });
      expect(res.status).toBe(201);
    });
    const [first = [], ...rest] = slices(members, 100);
    const subscribe = (chunk: string[]) =>
      server(`/v2/topics/${topicKey}/subscriptions`, { subscriptions: chunk });
    expect((await subscribe(first)).status).toBe(201);
    await inGroups(rest, 4, async (chunk) => expect((await subscribe(chunk)).status).toBe(201));

    const trigger = await server<{ data: { status: string } }>("/v1/events/trigger", {
      name: workflowId,
      to: { type: "Topic", topicKey },
      actor,
      transactionId,
      payload: { message: "We launched" },
    });
    expect(trigger.json.data.status).toBe("processed");

    // A read that overlaps new rows sees some twice (they shift the pages), so progress is counted by subscriber,
    // and the rows checked are those of one read made once every subscriber is there.
    const reachedBy = (rows: Activity[]) => new Set(rows.map((row) => row.subscriber.subscriberId));
    const started = Date.now();
    await expect
      .poll(async () => reachedBy(await activity()).size, { timeout: 240_000, interval: 3_000 })
      .toBe(2000);
    console.log(`fan-out of 2,000 done within ${Date.now() - started} ms of the trigger`);
    const rows = await activity();
    expect(rows).toHaveLength(2000);
    const reached = reachedBy(rows);
    expect(reached.size).toBe(2000);
    expect(reached.has(actor)).toBe(false);
    expect(members.filter((id) => id !== actor).every((id) => reached.has(id))).toBe(true);
    expect(
      rows.every((row) => row.jobs.every((job) => job.type === "in_app" && job.status === "completed")),
    ).toBe(true);

    // The inboxes agree: a spread of members (first, last, each page's edges) has the notification, the actor none.
    const sample = members.filter((id, i) => id !== actor && (i % 100 === 0 || i % 100 === 99 || i === 2000));
    expect(await inGroups(sample, 10, unreadOf)).toEqual(sample.map(() => 1));
    expect(await unreadOf(actor)).toBe(0);
  });
});
