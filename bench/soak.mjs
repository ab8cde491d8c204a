// Memory and soak: mixed load (triggers, Inbox reads, websockets opened and closed) while memory is sampled every
// 10 s, each sample taken right after a full garbage collection of the Worker's isolate (through wrangler dev's
// inspector): the isolate's JS heap, which is what our code can leak, and workerd's RSS. Passes with no error
// responses and slopes (after warm-up) that two standard errors cannot tell from flat. A first phase of
// /v1/health-check only measures what wrangler dev keeps per request by itself, for the mixed load's RSS to be read
// beside it.
import WebSocket from "ws";
import { inboxToken, log, sleep } from "./lib/api.mjs";
import { connectInspector } from "./lib/inspector.mjs";
import { rssMb, workerdPid } from "./lib/memory.mjs";
import { round, trend } from "./lib/stats.mjs";
import { ensureWorkflow, inAppSteps } from "./lib/workflows.mjs";

const subscribers = 20;
const workers = 4;
const sampleEverySeconds = 10;

function openAndClose(url, token) {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${url.replace("http", "ws")}/?token=${token}`);
    const timer = setTimeout(() => {
      socket.terminate();
      reject(new Error("websocket did not open in 10 s"));
    }, 10_000);
    socket.once("open", () => {
      clearTimeout(timer);
      socket.close(1000, "soak");
      resolve();
    });
    socket.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

const series = (samples) =>
  samples.map((p) => `${round(p.x * 60, 0)}→${round(p.rss)}/${round(p.heap)}`).join(", ");

export default {
  name: "soak",
  title: "Memory and soak (mixed load)",
  async run({ server, api, args }) {
    const seconds = Number(args.values.get("soak-seconds") ?? 600);
    await ensureWorkflow(api, "bench", inAppSteps);
    const ids = Array.from({ length: subscribers }, (_, i) => `soak-${i}`);
    for (const subscriberId of ids)
      await api.json("/v2/subscribers", { body: { subscriberId, firstName: "Ada" } });
    const tokens = await Promise.all(ids.map((id) => inboxToken(server, id)));
    const pid = workerdPid(server.pid);
    const inspector = await connectInspector(server.inspectorPort, async () => {
      await (await fetch(`${server.url}/v1/health-check`)).arrayBuffer();
    });

    const counts = { trigger: 0, read: 0, socket: 0, baseline: 0, errors: 0 };
    let sequence = 0;
    const actions = [
      async (n) => {
        const res = await api.send("/v1/events/trigger", {
          body: {
            name: "bench",
            to: ids[n % subscribers],
            payload: { orderId: n },
            transactionId: `soak-${n}`,
          },
        });
        await res.arrayBuffer();
        if (!res.ok) throw new Error(`trigger → ${res.status}`);
        counts.trigger++;
      },
      async (n) => {
        const res = await fetch(`${server.url}/v1/inbox/notifications?limit=20`, {
          headers: { authorization: `Bearer ${tokens[n % subscribers]}` },
        });
        await res.arrayBuffer();
        if (!res.ok) throw new Error(`inbox list → ${res.status}`);
        counts.read++;
      },
      async (n) => {
        await openAndClose(server.url, tokens[n % subscribers]);
        counts.socket++;
      },
    ];
    const baselineSeconds = Math.max(30, Math.round(seconds / 4));
    // The runtime's own retention first: wrangler dev's workerd grows with requests even on a route that does nothing.
    const baseline = await phase(
      [
        async () => {
          const res = await fetch(`${server.url}/v1/health-check`);
          await res.arrayBuffer();
          if (!res.ok) throw new Error(`health-check → ${res.status}`);
          counts.baseline++;
        },
      ],
      baselineSeconds,
      "health-check only",
    );
    const mixed = await phase(actions, seconds, "mixed load");
    inspector.close();
    const flat = (fit) => Math.abs(fit.slope) <= 2 * fit.standardError;

    async function phase(work, duration, label) {
      const started = performance.now();
      const deadline = started + duration * 1000;
      const before = Object.values(counts).reduce((a, b) => a + b, 0);
      const load = async () => {
        while (performance.now() < deadline) {
          const n = sequence++;
          try {
            await work[n % work.length](n);
          } catch (error) {
            if (counts.errors++ < 5) log(`  error: ${error.message}`);
          }
        }
      };
      const samples = [];
      const sample = async () => {
        const minute = (performance.now() - started) / 60_000;
        await inspector.collectGarbage();
        samples.push({ x: minute, rss: rssMb(pid), heap: await inspector.heapUsedMb() });
        const { rss, heap } = samples.at(-1);
        log(
          `  ${label} t=${(minute * 60).toFixed(0)} s rss=${rss.toFixed(1)} MB heap=${heap.toFixed(1)} MB ` +
            `triggers=${counts.trigger} reads=${counts.read} sockets=${counts.socket} health=${counts.baseline} ` +
            `errors=${counts.errors}`,
        );
      };
      log(`${label} with ${workers} workers for ${duration} s, workerd pid ${pid} …`);
      await sample();
      const sampler = (async () => {
        while (performance.now() + sampleEverySeconds * 1000 <= deadline) {
          await sleep(sampleEverySeconds * 1000);
          await sample();
        }
      })();
      await Promise.all([...Array.from({ length: workers }, load), sampler]);
      // The first quarter is warm-up (new objects, caches filling): reported, but not part of the trend.
      const warmed = samples.filter((s) => s.x >= duration / 4 / 60);
      const rss = trend(warmed.map((s) => ({ x: s.x, y: s.rss })));
      const heap = trend(warmed.map((s) => ({ x: s.x, y: s.heap })));
      // Caches that fill and then hold (SQLite's page caches grow with the tables up to their bound) still tilt the
      // trend after warm-up; the second half alone tells a level that was reached from a climb that goes on.
      const lateRss = trend(
        samples.filter((s) => s.x >= duration / 2 / 60).map((s) => ({ x: s.x, y: s.rss })),
      );
      const requests = Object.values(counts).reduce((a, b) => a + b, 0) - before;
      const perMinute = requests / (duration / 60);
      return { rss, lateRss, heap, samples, perThousand: (rss.slope / perMinute) * 1000 };
    }

    const warm = round(seconds / 4, 0);
    const trended = (seconds - seconds / 4) / 60;
    return {
      rows: [
        { figure: "soak error responses", value: counts.errors, target: "0", pass: counts.errors === 0 },
        {
          figure: `Worker JS heap slope after GC, MB/min (${seconds} s; after ${warm} s warm-up)`,
          value: round(mixed.heap.slope, 2),
          baseline: `±${round(2 * mixed.heap.standardError, 2)} (2 SE)`,
          target: "abs(slope) ≤ 2 SE",
          pass: flat(mixed.heap),
        },
        {
          // Two standard errors shrink with every sample, so the slope test alone fails any measurable change however
          // small; what a person needs to know is how much the heap grew over the measured span.
          figure: `Worker JS heap growth after GC over the ${round(trended, 1)} min trended, MB`,
          value: round(mixed.heap.slope * trended, 2),
          target: "< 1 MB",
          pass: Math.abs(mixed.heap.slope * trended) < 1,
        },
        {
          figure: `workerd RSS slope after GC, MB/min (${seconds} s; after ${warm} s warm-up)`,
          value: round(mixed.rss.slope, 2),
          baseline: `±${round(2 * mixed.rss.standardError, 2)} (2 SE)`,
          target: "abs(slope) ≤ 2 SE",
          pass: flat(mixed.rss),
        },
        {
          figure: `workerd RSS slope after GC over the second half, MB/min (${round(seconds / 2, 0)}–${seconds} s)`,
          value: round(mixed.lateRss.slope, 2),
          baseline: `±${round(2 * mixed.lateRss.standardError, 2)} (2 SE)`,
          target: "abs(slope) ≤ 2 SE",
          pass: flat(mixed.lateRss),
        },
        {
          figure: "RSS growth MB per 1,000 requests (mixed load vs /v1/health-check)",
          value: round(mixed.perThousand, 2),
          baseline: round(baseline.perThousand, 2),
          ratio: round(mixed.perThousand / baseline.perThousand, 2),
        },
        {
          figure: "soak operations (triggers / reads / sockets)",
          value: `${counts.trigger} / ${counts.read} / ${counts.socket}`,
        },
      ],
      notes: [
        `Baseline: ${counts.baseline} requests to /v1/health-check (no D1, no Durable Object) over ${baselineSeconds} s ` +
          "first, on the same workerd: what wrangler dev itself keeps per request.",
        `Samples, mixed load (s → RSS / heap MB): ${series(mixed.samples)}`,
        `Samples, health-check (s → RSS / heap MB): ${series(baseline.samples)}`,
      ],
    };
  },
};
