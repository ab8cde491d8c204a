// Inbox read: GET /v1/inbox/notifications?limit=20 for a subscriber holding 10,000 notifications, beside the no-op
// route, both as sequential round trips.
import { inboxToken, inParallel, log, progress, slices } from "./lib/api.mjs";
import { measureLatency } from "./lib/load.mjs";
import { percentile, round } from "./lib/stats.mjs";
import { ensureWorkflow, inAppSteps } from "./lib/workflows.mjs";

const held = Number(process.env.BENCH_INBOX_HELD ?? 10_000);
const subscriberId = "inbox-heavy";

async function seed(api) {
  log(`seeding ${held.toLocaleString("en")} notifications for ${subscriberId} (bulk triggers of 100) …`);
  const shown = progress("seeded", held);
  let done = 0;
  const stamp = Date.now();
  // One bulk at a time: the subscriber's object runs them one by one anyway.
  await inParallel(slices(held, 100), 1, async ([from, to]) => {
    const events = Array.from({ length: to - from }, (_, k) => ({
      name: "bench",
      to: { subscriberId, firstName: "Ada" },
      payload: { orderId: from + k },
      transactionId: `inbox-${stamp}-${from + k}`,
    }));
    const { data } = await api.json("/v1/events/trigger/bulk", { body: { events } }).catch((error) => {
      throw new Error(`seeding stopped at ${done.toLocaleString("en")}: ${error.message}`);
    });
    const failed = data.filter((result) => !result.acknowledged);
    if (failed.length) throw new Error(`bulk trigger failed: ${JSON.stringify(failed[0])}`);
    done += events.length;
    shown(done);
  });
  const filters = encodeURIComponent(JSON.stringify([{}]));
  const { data } = await api.json(`/v2/subscribers/${subscriberId}/notifications/count?filters=${filters}`);
  if (data[0]?.count !== held) throw new Error(`${subscriberId} holds ${data[0]?.count}, expected ${held}`);
}

export default {
  name: "inbox",
  title: "Inbox read with 10,000 held",
  async run({ server, api }) {
    const reads = Number(process.env.BENCH_READS ?? 500);
    await ensureWorkflow(api, "bench", inAppSteps);
    await seed(api);
    const token = await inboxToken(server, subscriberId);
    const list = () =>
      fetch(`${server.url}/v1/inbox/notifications?limit=20`, {
        headers: { authorization: `Bearer ${token}` },
      });
    const noop = () => api.send("/v1/environments/me");
    const first = await (await list()).json();
    if (first.data?.length !== 20) throw new Error(`inbox list returned ${first.data?.length} notifications`);
    await measureLatency(list, 20);
    await measureLatency(noop, 20);
    log(`inbox list ×${reads} and no-op ×${reads}, sequential …`);
    const inbox = await measureLatency(list, reads);
    const baseline = await measureLatency(noop, reads);
    return {
      rows: [50, 99].map((n) => {
        const ratio = percentile(inbox, n) / percentile(baseline, n);
        return {
          figure: `inbox list (limit=20, ${held.toLocaleString("en")} held) p${n} ms`,
          value: round(percentile(inbox, n), 2),
          baseline: round(percentile(baseline, n), 2),
          ratio: round(ratio, 2),
          target: "ratio ≤ 2",
          pass: ratio <= 2,
        };
      }),
    };
  },
};
