// Starts a private `wrangler dev` for the benchmark: its own port and temp state, so `npm start` is never touched.
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { prepareLocalState, startWorker } from "../../scripts/dev-environment.mjs";

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export async function startBenchServer() {
  const persistTo = mkdtempSync(path.join(tmpdir(), "novu-edge-bench-"));
  const port = await freePort();
  const keys = prepareLocalState({ persistTo });
  const { child, url } = await startWorker({ port, persistTo, stdio: "ignore" });
  const development = keys.environments[0];
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGINT");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      if (child.exitCode === null) child.kill("SIGKILL");
    }
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
