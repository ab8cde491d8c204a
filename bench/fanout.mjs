// Topic fan-out: one in_app trigger to a topic of N subscribers, timed until every subscriber has the notification.
//
// The check: a subscriber's activity row is written only after its Durable Object stored the inbox message, and
// (environment, transactionId, subscriberId) is unique, so N activity rows for the transaction mean all N
// subscribers were served. Counting costs about one request per poll: the activity list (50 per page) is walked
// forward from the last full page seen. A sample of inboxes is then read directly to confirm the two agree.
import { inParallel, log, progress, sleep, slices } from "./lib/api.mjs";
import { round } from "./lib/stats.mjs";
import { createSubscribers, ensureWorkflow, inAppSteps } from "./lib/workflows.mjs";

const pageSize = 50;
/** No new recipient served for this long means the fan-out stopped, not that it is slow. */
const stallSeconds = 60;
const targetSeconds = { 10000: 10 };

/** A fresh topic of `n` new subscribers (each size has its own, so runs never overlap). */
async function topicOf(api, n) {
  const prefix = `fan${n}-`;
  const topicKey = `fanout-${n}`;
  log(`creating ${n.toLocaleString("en")} subscribers and subscribing them to ${topicKey} …`);
  await createSubscribers(api, { prefix, n, onProgress: progress("subscribers", n) });
  const subscribed = progress("subscriptions", n);
  let done = 0;
  await inParallel(slices(n, 100), 2, async ([from, to]) => {
    const subscriberIds = Array.from({ length: to - from }, (_, k) => `${prefix}${from + k}`);
    const { data } = await api.json(`/v2/topics/${topicKey}/subscriptions`, { body: { subscriberIds } });
    if (data.errors?.length) throw new Error(`subscribe failed: ${JSON.stringify(data.errors[0])}`);
    done += subscriberIds.length;
    subscribed(done);
  });
  return { prefix, topicKey };
}

/** Counts the transaction's activity rows, resuming from a known lower bound (a count only ever grows). */
async function countFrom(api, transactionId, known) {
  let count = known;
  for (;;) {
    const page = Math.floor(count / pageSize);
    const body = await api.json(
      `/v1/notifications?transactionId=${transactionId}&limit=${pageSize}&page=${page}`,
    );
    count = page * pageSize + body.data.length;
    if (!body.hasMore) return count;
  }
}

async function fanOut(api, n, timeoutSeconds) {
  const { prefix, topicKey } = await topicOf(api, n);
  const transactionId = `fanout-${n}-${Date.now()}`;
  log(`triggering ${topicKey} (${n.toLocaleString("en")} subscribers) …`);
  const shown = progress("served", n);
  const started = performance.now();
  await api.json("/v1/events/trigger", {
    body: { name: "bench", to: [{ type: "Topic", topicKey }], payload: { orderId: n }, transactionId },
  });
  const accepted = performance.now() - started;
  let count = 0;
  let progressed = started;
  while (count < n) {
    const now = performance.now();
    if (now - progressed > stallSeconds * 1000 || now - started > timeoutSeconds * 1000)
      throw new Error(
        `fan-out to ${n} stalled: ${count} served after ${((now - started) / 1000).toFixed(0)} s`,
      );
    await sleep(100);
    // A poll can time out while the local runtime runs batch after batch of pages: that is not a stall (only an
    // answered poll that shows no progress for a minute is), so it restarts the stall clock; the deadline still holds.
    const counted = await countFrom(api, transactionId, count).catch(() => undefined);
    if (counted === undefined || counted > count) progressed = performance.now();
    count = counted ?? count;
    shown(count);
  }
  const seconds = (performance.now() - started) / 1000;
  if (count !== n) throw new Error(`fan-out to ${n}: ${count} activity rows, expected ${n}`);
  const sample = Array.from(
    { length: Math.min(n, 100) },
    (_, k) => `${prefix}${Math.floor((k * n) / Math.min(n, 100))}`,
  );
  await inParallel(sample, 8, async (subscriberId) => {
    const { data } = await api.json(`/v2/subscribers/${subscriberId}/notifications?limit=1`);
    if (data[0]?.transactionId !== transactionId)
      throw new Error(`${subscriberId}'s inbox lacks ${transactionId}`);
  });
  log(
    `  ${n.toLocaleString("en")} served in ${seconds.toFixed(2)} s (trigger answered in ${accepted.toFixed(0)} ms)`,
  );
  return seconds;
}

export default {
  name: "fanout",
  title: "Topic fan-out (in_app)",
  async run({ api: firstApi, args, fresh }) {
    const sizes = process.env.BENCH_FANOUT_SIZES
      ? process.env.BENCH_FANOUT_SIZES.split(",").map(Number)
      : [1_000, 2_000, 10_000, ...(args.flags.has("fanout-100k") ? [100_000] : [])];
    // A size that fails (or stalls) is recorded with what it reached; the larger sizes are then not attempted.
    const seconds = {};
    const rows = [];
    for (const [i, n] of sizes.entries()) {
      const target = targetSeconds[n] ? `< ${targetSeconds[n]} s` : "";
      try {
        // Each size on a wrangler dev of its own: one local workerd holds only a few thousand SQLite-backed objects
        // (README, "At production scale"), so a size must not inherit the objects of the one before.
        const api = i === 0 ? firstApi : (await fresh()).api;
        await ensureWorkflow(api, "bench", inAppSteps);
        seconds[n] = await fanOut(api, n, Math.max(120, n / 20));
      } catch (error) {
        rows.push({
          figure: `fan-out to ${n.toLocaleString("en")} s`,
          value: error.message,
          target,
          pass: false,
        });
        break;
      }
      rows.push({
        figure: `fan-out to ${n.toLocaleString("en")} s`,
        value: round(seconds[n], 2),
        target,
        pass: targetSeconds[n] ? seconds[n] < targetSeconds[n] : undefined,
      });
    }
    const perSubscriber = (n) => (seconds[n] * 1000) / n;
    const smallest = sizes[0];
    for (const n of sizes.slice(1).filter((n) => seconds[n] !== undefined)) {
      const ratio = perSubscriber(n) / perSubscriber(smallest);
      rows.push({
        figure: `ms per subscriber at ${n.toLocaleString("en")} (baseline: at ${smallest.toLocaleString("en")})`,
        value: round(perSubscriber(n), 3),
        baseline: round(perSubscriber(smallest), 3),
        ratio: round(ratio, 2),
        target: "ratio ≤ 1.5 (linear)",
        pass: ratio <= 1.5,
      });
    }
    if (seconds[smallest] !== undefined)
      rows.push({
        figure: `ms per subscriber at ${smallest.toLocaleString("en")}`,
        value: round(perSubscriber(smallest), 3),
      });
    return { rows };
  },
};
