// Starts a real `wrangler dev` on a free port with fresh, throw-away state for the real-client suites.
import type { ChildProcess } from "node:child_process";
import { once } from "node:events";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { prepareLocalState, startWorker } from "../../scripts/dev-environment.mjs";

const development = {
  secretKey: "clients-suite-development-secret-key",
  applicationIdentifier: "clients-suite-dev-app",
};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  child.kill("SIGINT");
  const timer = setTimeout(() => child.kill("SIGTERM"), 10_000);
  await exited;
  clearTimeout(timer);
}

export default async function setup({ provide }: TestProject) {
  const persistTo = mkdtempSync(path.join(tmpdir(), "novu-edge-clients-"));
  const logFile = path.join(persistTo, "wrangler-dev.log");
  const log = openSync(logFile, "a");
  let child: ChildProcess | undefined;
  const teardown = async () => {
    if (child) await stop(child);
    closeSync(log);
    rmSync(persistTo, { recursive: true, force: true });
  };
  try {
    const keys = prepareLocalState({ persistTo, ...development });
    const started = await startWorker({ port: await freePort(), persistTo, stdio: ["ignore", log, log] });
    child = started.child;
    const production = keys.environments[1];
    provide("apiUrl", started.url);
    provide("development", development);
    provide("production", {
      secretKey: production.secretKey,
      applicationIdentifier: production.applicationIdentifier,
    });
  } catch (error) {
    console.error(`wrangler dev log:\n${readFileSync(logFile, "utf8").slice(-4000)}`);
    await teardown();
    throw error;
  }
  return teardown;
}
