// `npm run bench [-- <name> …]` runs the named benchmarks (all by default) against one private local wrangler dev,
// prints their tables and merges them into bench/results/latest.md. Options: --soak-seconds N, --fanout-100k,
// --ref=<git ref> (measure a commit, not the working tree), --keep-state, --log=<file> (wrangler's output).
import os from "node:os";
import email from "./email.mjs";
import fanout from "./fanout.mjs";
import inbox from "./inbox.mjs";
import latency from "./latency.mjs";
import { apiClient, log } from "./lib/api.mjs";
import { report } from "./lib/report.mjs";
import { startBenchServer } from "./lib/server.mjs";
import soak from "./soak.mjs";
import throughput from "./throughput.mjs";

const benchmarks = [throughput, latency, fanout, inbox, email, soak];
const names = benchmarks.map((b) => b.name);

function parseArgs(argv) {
  const selected = [];
  const flags = new Set();
  const values = new Map();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith("--")) selected.push(arg);
    else if (arg.includes("=")) values.set(arg.slice(2, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1));
    else if (argv[i + 1] !== undefined && /^\d+$/.test(argv[i + 1])) values.set(arg.slice(2), argv[++i]);
    else flags.add(arg.slice(2));
  }
  const unknown = selected.filter((name) => !names.includes(name));
  if (unknown.length)
    throw new Error(`unknown benchmark ${unknown.join(", ")}; choose from ${names.join(", ")}`);
  return { selected: selected.length ? selected : names, flags, values };
}

const args = parseArgs(process.argv.slice(2));
log(`benchmarks: ${args.selected.join(", ")}`);
const context = `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, node ${process.version}, wrangler dev (local)`;
const sections = [];
let server;
// Interrupted, the benchmarks that finished are still reported.
const stopOnSignal = () =>
  (server?.stop() ?? Promise.resolve()).finally(() => {
    if (sections.length) report(sections, context, names);
    process.exit(130);
  });
process.once("SIGINT", stopOnSignal);
process.once("SIGTERM", stopOnSignal);

try {
  // Each benchmark gets a fresh wrangler dev, so one's objects, queues and memory never weigh on the next.
  for (const benchmark of benchmarks.filter((b) => args.selected.includes(b.name))) {
    log(`── ${benchmark.title}: starting a private wrangler dev …`);
    let servers = 0;
    const start = async () => {
      const suffix = servers++ ? `-${benchmark.name}-${servers}` : `-${benchmark.name}`;
      server = await startBenchServer({
        keepState: args.flags.has("keep-state"),
        logFile: args.values.get("log")?.replace(/(\.\w+)?$/, `${suffix}$1`),
        ref: args.values.get("ref"),
      });
      if (args.flags.has("keep-state")) log(`state kept in ${server.persistTo}`);
      return { server, api: apiClient(server) };
    };
    /** Replaces the benchmark's wrangler dev with a new one, for a part that must not inherit the last one's objects. */
    const fresh = async () => {
      await server.stop();
      return start();
    };
    const first = await start();
    const started = performance.now();
    // One failing benchmark is recorded as such and the others still run.
    const { rows, notes } = await benchmark.run({ ...first, args, fresh }).catch((error) => {
      log(`   failed: ${error.message}`);
      return { rows: [{ figure: `${benchmark.name} did not finish`, value: error.message, pass: false }] };
    });
    log(`   done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    sections.push({ name: benchmark.name, title: benchmark.title, rows, notes });
    await server.stop();
    server = undefined;
  }
} finally {
  if (sections.length) report(sections, context, names);
  await server?.stop();
}
