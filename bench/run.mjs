// `npm run bench`: trigger throughput and trigger → Inbox websocket latency against a private local wrangler dev,
// each beside the same measurement on the cheapest authenticated route of the same Worker (GET /v1/environments/me).
import os from "node:os";
import { openInboxSocket } from "./lib/inbox-socket.mjs";
import { measureLatency, measureThroughput } from "./lib/load.mjs";
import { report } from "./lib/report.mjs";
import { startBenchServer } from "./lib/server.mjs";
import { percentile, round } from "./lib/stats.mjs";

const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 32);
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const triggers = Number(process.env.BENCH_TRIGGERS ?? 500);
const log = (line) => console.log(`[bench] ${line}`);

log("starting a private wrangler dev …");
const server = await startBenchServer();
const stopOnSignal = () => server.stop().finally(() => process.exit(130));
process.once("SIGINT", stopOnSignal);
process.once("SIGTERM", stopOnSignal);

try {
  const headers = { authorization: `ApiKey ${server.secretKey}`, "content-type": "application/json" };
  const call = (path, body) =>
    fetch(`${server.url}${path}`, {
      method: body ? "POST" : "GET",
      headers,
      body: body && JSON.stringify(body),
    });
  await call("/v2/workflows", {
    name: "Bench",
    workflowId: "bench",
    steps: [
      {
        name: "Inbox",
        type: "in_app",
        controlValues: { subject: "Hi {{subscriber.firstName}}", body: "Order {{payload.orderId}} shipped" },
      },
    ],
  });
  await call("/v2/subscribers", { subscriberId: "bench-subscriber", firstName: "Ada" });
  let sequence = 0;
  const trigger = (transactionId = `tx-${sequence++}`) =>
    call("/v1/events/trigger", {
      name: "bench",
      to: "bench-subscriber",
      payload: { orderId: sequence },
      transactionId,
    });
  const noop = () => call("/v1/environments/me");

  log("warming up …");
  await measureThroughput(noop, { concurrency, seconds: 1 });
  await measureThroughput(() => trigger(), { concurrency, seconds: 1 });

  log(`no-op route: ${concurrency} concurrent for ${seconds} s …`);
  const baseline = await measureThroughput(noop, { concurrency, seconds });
  log(`trigger: ${concurrency} concurrent for ${seconds} s …`);
  const throughput = await measureThroughput(() => trigger(), { concurrency, seconds });

  log(`trigger → websocket latency over ${triggers} sequential triggers …`);
  const socket = await openInboxSocket(server.url, server.applicationIdentifier, "bench-latency");
  const latencies = [];
  for (let i = 0; i < triggers; i++) {
    const transactionId = `latency-${i}`;
    const received = socket.waitFor(transactionId);
    const started = performance.now();
    await call("/v1/events/trigger", {
      name: "bench",
      to: "bench-latency",
      payload: { orderId: i },
      transactionId,
    });
    latencies.push((await received) - started);
  }
  socket.close();
  log(`no-op round trips ×${triggers} …`);
  const noopLatencies = await measureLatency(noop, triggers);

  const p = (values, n) => round(percentile(values, n), 2);
  const ratio = (a, b) => round(a / b, 2);
  const rows = [
    {
      figure: `trigger req/s (c=${concurrency})`,
      value: round(throughput.rps),
      baseline: round(baseline.rps),
      ratio: ratio(throughput.rps, baseline.rps),
      target: "ratio ≥ 0.5",
    },
    ...[50, 95, 99].map((n) => ({
      figure: `trigger→socket p${n} ms`,
      value: p(latencies, n),
      baseline: p(noopLatencies, n),
      ratio: ratio(percentile(latencies, n), percentile(noopLatencies, n)),
      target: n === 50 ? "< 20 ms" : n === 99 ? "< 100 ms" : "",
    })),
    {
      figure: "errors (trigger / no-op)",
      value: throughput.errors,
      baseline: baseline.errors,
      ratio: "",
      target: "0",
    },
  ];
  report(
    rows,
    `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, node ${process.version}, wrangler dev (local)`,
  );
} finally {
  log("stopping wrangler dev …");
  await server.stop();
}
