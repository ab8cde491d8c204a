// Trigger → Inbox websocket latency: sequential triggers, each timed until its notification_received frame.
import { log } from "./lib/api.mjs";
import { openInboxSocket } from "./lib/inbox-socket.mjs";
import { measureLatency } from "./lib/load.mjs";
import { percentile, round } from "./lib/stats.mjs";
import { ensureWorkflow, inAppSteps } from "./lib/workflows.mjs";

const targets = { 50: 20, 99: 100 };

export default {
  name: "latency",
  title: "Trigger → Inbox websocket latency",
  async run({ server, api }) {
    const triggers = Number(process.env.BENCH_TRIGGERS ?? 500);
    await ensureWorkflow(api, "bench", inAppSteps);
    log(`trigger → websocket latency over ${triggers} sequential triggers …`);
    const socket = await openInboxSocket(server.url, server.applicationIdentifier, "bench-latency");
    const latencies = [];
    for (let i = 0; i < triggers; i++) {
      const transactionId = `latency-${Date.now()}-${i}`;
      const received = socket.waitFor(transactionId);
      const started = performance.now();
      const res = await api.send("/v1/events/trigger", {
        body: { name: "bench", to: "bench-latency", payload: { orderId: i }, transactionId },
      });
      await res.arrayBuffer();
      latencies.push((await received) - started);
    }
    socket.close();
    log(`no-op round trips ×${triggers} …`);
    const noop = await measureLatency(() => api.send("/v1/environments/me"), triggers);
    return {
      rows: [50, 95, 99].map((n) => {
        const value = percentile(latencies, n);
        return {
          figure: `trigger→socket p${n} ms`,
          value: round(value, 2),
          baseline: round(percentile(noop, n), 2),
          ratio: round(value / percentile(noop, n), 2),
          target: targets[n] ? `< ${targets[n]} ms` : "",
          pass: targets[n] ? value < targets[n] : undefined,
        };
      }),
    };
  },
};
