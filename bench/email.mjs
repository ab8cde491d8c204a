// Email delivery pipeline: 10,000 email sends through DELIVERIES to a recording SendGrid in this process, timed from
// each trigger request leaving the bench to its provider request arriving. The sends go round-robin to 1,000
// subscribers (BENCH_EMAIL_SUBSCRIBERS): one local workerd holds only a few thousand SQLite-backed Durable Objects
// before SQLite runs out of memory (README, "At production scale"), and this figure is about the queue, the consumer
// and the provider calls, not about how many objects one process can hold.
import { inParallel, log, progress, sleep, slices } from "./lib/api.mjs";
import { startRecordingProvider } from "./lib/recording-provider.mjs";
import { percentile, round } from "./lib/stats.mjs";
import { createSubscribers, emailSteps, ensureWorkflow } from "./lib/workflows.mjs";

const sends = Number(process.env.BENCH_EMAILS ?? 10_000);
const recipients = Math.min(sends, Number(process.env.BENCH_EMAIL_SUBSCRIBERS ?? 1_000));
const prefix = "mail-";

export default {
  name: "email",
  title: "Email delivery pipeline (SendGrid stand-in)",
  async run({ api }) {
    const provider = await startRecordingProvider();
    try {
      await api.json("/v1/integrations", {
        body: {
          providerId: "sendgrid",
          channel: "email",
          active: true,
          credentials: { apiKey: "bench", from: "bench@bench.test", baseUrl: provider.baseUrl },
        },
      });
      await ensureWorkflow(api, "bench-email", emailSteps);
      log(`creating ${recipients.toLocaleString("en")} subscribers with emails …`);
      await createSubscribers(api, {
        prefix,
        n: recipients,
        email: true,
        onProgress: progress("subscribers", recipients),
      });

      log(`triggering ${sends.toLocaleString("en")} emails (bulk triggers of 100) …`);
      const sentAt = new Map();
      const stamp = Date.now();
      const started = performance.now();
      const delivered = progress("received by the provider", sends);
      provider.onRequest(() => delivered(provider.received.size));
      await inParallel(slices(sends, 100), 2, async ([from, to]) => {
        const events = Array.from({ length: to - from }, (_, k) => ({
          name: "bench-email",
          to: `${prefix}${(from + k) % recipients}`,
          payload: { orderId: from + k },
          transactionId: `mail-${stamp}-${from + k}`,
        }));
        const at = performance.now();
        for (let i = from; i < to; i++) sentAt.set(`Order ${i}`, at);
        const { data } = await api.json("/v1/events/trigger/bulk", { body: { events } });
        const failed = data.filter((result) => !result.acknowledged);
        if (failed.length) throw new Error(`bulk trigger failed: ${JSON.stringify(failed[0])}`);
      });
      // Waits while sends keep arriving; a minute without one means the rest are not coming.
      let seen = provider.received.size;
      let lastArrival = performance.now();
      while (provider.received.size < sends && performance.now() - lastArrival < 60_000) {
        await sleep(200);
        if (provider.received.size > seen) [seen, lastArrival] = [provider.received.size, performance.now()];
      }
      const arrivals = [...provider.received.values()];
      const seconds = (Math.max(...arrivals) - started) / 1000;
      const latencies = [...provider.received].map(
        ([subject, at]) => at - (sentAt.get(subject) ?? Number.NaN),
      );
      const rate = provider.received.size / seconds;
      log(
        `  ${provider.received.size} received in ${seconds.toFixed(1)} s, ${provider.requests()} provider requests`,
      );
      return {
        rows: [
          {
            figure: `emails received / sent`,
            value: provider.received.size,
            baseline: sends,
            ratio: round(provider.received.size / sends, 3),
            target: "all, once each",
            pass: provider.received.size === sends && provider.requests() === sends,
          },
          { figure: "email messages/s (first trigger → last provider request)", value: round(rate) },
          ...[50, 99].map((n) => ({
            figure: `email trigger→provider p${n} ms`,
            value: round(percentile(latencies, n)),
          })),
        ],
        notes: [
          `${sends.toLocaleString("en")} triggers to ${recipients.toLocaleString("en")} subscribers, sent as bulk requests of 100, two in flight; latency counts from the bulk request that carried the message, so it includes queueing behind the whole batch.`,
        ],
      };
    } finally {
      await provider.close();
    }
  },
};
