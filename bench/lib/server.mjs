// Starts a private `wrangler dev` for the benchmark: its own port and temp state, so `npm start` is never touched,
// serving a bundle built once at the start, so edits to the tree during a long run neither reload the Worker (which
// drops in-flight local queue messages) nor change the code being measured.
import { spawnSync } from "node:child_process";
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  freePort,
  prepareLocalState,
  quietWrangler,
  startWorker,
  stopWorker,
} from "../../scripts/dev-environment.mjs";

const root = path.resolve(import.meta.dirname, "..", "..");

/** The tree of a git ref in `dir` (sharing node_modules), for measuring committed code while the tree changes. */
function checkout(ref, dir) {
  mkdirSync(dir);
  const result = spawnSync("sh", ["-c", 'git archive "$0" | tar -x -C "$1"', ref, dir], {
    cwd: root,
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`git archive ${ref} failed: ${result.stderr}`);
  symlinkSync(path.join(root, "node_modules"), path.join(dir, "node_modules"));
  return dir;
}

/**
 * Builds the Worker (of the working tree, or of git `ref`) into `outdir` beside a copy of wrangler.toml whose folders (demo assets, migrations) are
 * absolute or copied, so nothing wrangler dev watches for this run lives in the shared tree.
 */
function buildBundle(outdir, ref) {
  const result = spawnSync(
    path.join(root, "node_modules", ".bin", "wrangler"),
    ["deploy", "--dry-run", "--outdir", outdir],
    {
      cwd: ref ? checkout(ref, path.join(outdir, "..", "source")) : root,
      env: quietWrangler,
      encoding: "utf8",
    },
  );
  if (result.status !== 0)
    throw new Error(`wrangler deploy --dry-run failed:\n${result.stdout}\n${result.stderr}`);
  const config = readFileSync(path.join(root, "wrangler.toml"), "utf8")
    .replace(/^directory = "(.+)"$/m, (_, dir) => {
      cpSync(path.join(root, dir), path.join(outdir, "..", "assets"), { recursive: true });
      return `directory = ${JSON.stringify(path.join(outdir, "..", "assets"))}`;
    })
    .replace(
      /^migrations_dir = "(.+)"$/m,
      (_, dir) => `migrations_dir = ${JSON.stringify(path.join(root, dir))}`,
    );
  writeFileSync(path.join(outdir, "wrangler.toml"), config);
  return outdir;
}

/**
 * `keepState` leaves the state folder behind (its path is returned) to inspect, e.g. with `wrangler d1 execute`;
 * `logFile` receives wrangler's output (request lines, queue batches, the Worker's console); `ref` measures that
 * commit instead of the working tree.
 */
export async function startBenchServer({ keepState = false, logFile, ref } = {}) {
  const work = mkdtempSync(path.join(tmpdir(), "novu-edge-bench-"));
  const persistTo = path.join(work, "state");
  const removeState = () => rmSync(work, { recursive: true, force: true });
  try {
    mkdirSync(persistTo);
    const bundle = buildBundle(path.join(work, "bundle"), ref);
    const keys = prepareLocalState({ persistTo });
    const stdio = logFile ? ["ignore", openSync(logFile, "w"), openSync(logFile, "a")] : "ignore";
    const port = await freePort();
    // Two free ports asked one after the other can be the same one.
    let inspectorPort = await freePort();
    while (inspectorPort === port) inspectorPort = await freePort();
    const { child, url } = await startWorker({
      port,
      persistTo,
      stdio,
      bundle,
      inspectorPort,
    });
    const development = keys.environments[0];
    return {
      url,
      pid: child.pid,
      inspectorPort,
      persistTo,
      secretKey: development.secretKey,
      applicationIdentifier: development.applicationIdentifier,
      stop: async () => {
        await stopWorker(child);
        if (!keepState) removeState();
      },
    };
  } catch (error) {
    removeState();
    throw error;
  }
}
