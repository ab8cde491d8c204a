// Starts a real `wrangler dev` on a free port with fresh, throw-away state for the real-client suites.
import type { ChildProcess } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { freePort, prepareLocalState, startWorker, stopWorker } from "../../scripts/dev-environment.mjs";
import { startRecordingServer } from "../support/recording-server";

const development = {
  secretKey: "clients-suite-development-secret-key",
  applicationIdentifier: "clients-suite-dev-app",
};

export default async function setup({ provide }: TestProject) {
  const persistTo = mkdtempSync(path.join(tmpdir(), "novu-edge-clients-"));
  const logFile = path.join(persistTo, "wrangler-dev.log");
  const log = openSync(logFile, "a");
  let child: ChildProcess | undefined;
  // Stands in for the Worker's DNS-over-HTTPS resolver (domains API), so tests script and assert every lookup.
  const recording = await startRecordingServer();
  const teardown = async () => {
    if (child) await stopWorker(child);
    recording.server.closeAllConnections();
    await new Promise<void>((resolve) => recording.server.close(() => resolve()));
    closeSync(log);
    rmSync(persistTo, { recursive: true, force: true });
  };
  try {
    const keys = prepareLocalState({ persistTo, ...development });
    const started = await startWorker({
      port: await freePort(),
      persistTo,
      stdio: ["ignore", log, log],
      vars: { DNS_OVER_HTTPS_URL: `${recording.url}/dns-query` },
    });
    child = started.child;
    const production = keys.environments[1];
    provide("apiUrl", started.url);
    provide("providerHost", recording.url);
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
