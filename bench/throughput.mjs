// Trigger accept throughput: closed-loop triggers to one subscriber beside the cheapest authenticated route.
import { log } from "./lib/api.mjs";
import { measureThroughput } from "./lib/load.mjs";
import { round } from "./lib/stats.mjs";
import { ensureWorkflow, inAppSteps } from "./lib/workflows.mjs";

export default {
  name: "throughput",
  title: "Trigger accept throughput",
  async run({ api }) {
    const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 32);
    const seconds = Number(process.env.BENCH_SECONDS ?? 20);
    await ensureWorkflow(api, "bench", inAppSteps);
    await api.json("/v2/subscribers", { body: { subscriberId: "bench-subscriber", firstName: "Ada" } });
    let sequence = 0;
    const trigger = () =>
      api.send("/v1/events/trigger", {
        body: {
          name: "bench",
          to: "bench-subscriber",
          payload: { orderId: sequence },
          transactionId: `tx-${sequence++}`,
        },
      });
    const noop = () => api.send("/v1/environments/me");

    log("warming up …");
    await measureThroughput(noop, { concurrency, seconds: 1 });
    await measureThroughput(trigger, { concurrency, seconds: 1 });
    log(`no-op route: ${concurrency} concurrent for ${seconds} s …`);
    const baseline = await measureThroughput(noop, { concurrency, seconds });
    log(`trigger: ${concurrency} concurrent for ${seconds} s …`);
    const throughput = await measureThroughput(trigger, { concurrency, seconds });
    const ratio = throughput.rps / baseline.rps;
    return {
      rows: [
        {
          figure: `trigger req/s (c=${concurrency})`,
          value: round(throughput.rps),
          baseline: round(baseline.rps),
          ratio: round(ratio, 2),
          target: "ratio ≥ 0.5",
          pass: ratio >= 0.5,
        },
        {
          figure: "errors (trigger / no-op)",
          value: throughput.errors,
          baseline: baseline.errors,
          target: "0",
          pass: throughput.errors + baseline.errors === 0,
        },
      ],
    };
  },
};
