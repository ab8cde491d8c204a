// Starts a real `wrangler dev` on a free port with fresh, throw-away state for the real-client suites.
import type { ChildProcess } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { freePort, prepareLocalState, startWorker, stopWorker } from "../../scripts/dev-environment.mjs";

const development = {
  secretKey: "clients-suite-development-secret-key",
  applicationIdentifier: "clients-suite-dev-app",
};

export default async function setup({ provide }: TestProject) {
  const persistTo = mkdtempSync(path.join(tmpdir(), "novu-edge-clients-"));
  const logFile = path.join(persistTo, "wrangler-dev.log");
  const log = openSync(logFile, "a");
  let child: ChildProcess | undefined;
  const teardown = async () => {
    if (child) await stopWorker(child);
    closeSync(log);
    rmSync(persistTo, { recursive: true, force: true });
  };
  try {
    const keys = prepareLocalState({ persistTo, ...development });
    const started = await startWorker({ port: await freePort(), persistTo, stdio: ["ignore", log, log] });
    child = started.child;
    const production = keys.environments[1];
    provide("apiUrl", started.url);
    provide("wranglerLog", logFile);
    provide("serverSecrets", { signingSecret: keys.signingSecret, encryptionKey: keys.encryptionKey });
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
