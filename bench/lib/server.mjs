// Starts a private `wrangler dev` for the benchmark: its own port and temp state, so `npm start` is never touched.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort, prepareLocalState, startWorker, stopWorker } from "../../scripts/dev-environment.mjs";

export async function startBenchServer() {
  const persistTo = mkdtempSync(path.join(tmpdir(), "novu-edge-bench-"));
  const port = await freePort();
  const keys = prepareLocalState({ persistTo });
  const { child, url } = await startWorker({ port, persistTo, stdio: "ignore" });
  const development = keys.environments[0];
  const stop = async () => {
    await stopWorker(child);
    rmSync(persistTo, { recursive: true, force: true });
  };
  return {
    url,
    port,
    secretKey: development.secretKey,
    applicationIdentifier: development.applicationIdentifier,
    stop,
  };
}
