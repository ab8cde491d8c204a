// Memory and soak: mixed load (triggers, Inbox reads, websockets opened and closed) while workerd's RSS is sampled
// every 10 s; passes with no error responses and an RSS slope (after warm-up) that two standard errors cannot tell
// from flat.
import WebSocket from "ws";
import { inboxToken, log, sleep } from "./lib/api.mjs";
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

    const counts = { trigger: 0, read: 0, socket: 0, errors: 0 };
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
    const started = performance.now();
    const deadline = started + seconds * 1000;
    const load = async () => {
      while (performance.now() < deadline) {
        const n = sequence++;
        try {
          await actions[n % actions.length](n);
        } catch (error) {
          if (counts.errors++ < 5) log(`  error: ${error.message}`);
        }
      }
    };
    const samples = [];
    const sample = () => {
      const minute = (performance.now() - started) / 60_000;
      samples.push({ x: minute, y: rssMb(pid) });
      log(
        `  t=${(minute * 60).toFixed(0)} s rss=${samples.at(-1).y.toFixed(1)} MB ` +
          `triggers=${counts.trigger} reads=${counts.read} sockets=${counts.socket} errors=${counts.errors}`,
      );
    };
    log(`mixed load with ${workers} workers for ${seconds} s, workerd pid ${pid} …`);
    sample();
    const sampler = (async () => {
      while (performance.now() + sampleEverySeconds * 1000 <= deadline) {
        await sleep(sampleEverySeconds * 1000);
        sample();
      }
    })();
    await Promise.all([...Array.from({ length: workers }, load), sampler]);

    // The first quarter is warm-up (new objects, caches filling): reported, but not part of the trend.
    const warmMinutes = seconds / 4 / 60;
    const { slope, standardError } = trend(samples.filter((s) => s.x >= warmMinutes));
    const flat = Math.abs(slope) <= 2 * standardError;
    return {
      rows: [
        { figure: "soak error responses", value: counts.errors, target: "0", pass: counts.errors === 0 },
        {
          figure: `workerd RSS slope MB/min (${seconds} s; trend after ${round(warmMinutes * 60, 0)} s warm-up)`,
          value: round(slope, 2),
          baseline: `±${round(2 * standardError, 2)} (2 SE)`,
          target: "abs(slope) ≤ 2 SE",
          pass: flat,
        },
        {
          figure: "soak operations (triggers / reads / sockets)",
          value: `${counts.trigger} / ${counts.read} / ${counts.socket}`,
        },
      ],
      notes: [
        `RSS samples (s → MB): ${samples.map((s) => `${round(s.x * 60, 0)}→${round(s.y)}`).join(", ")}`,
      ],
    };
  },
};
