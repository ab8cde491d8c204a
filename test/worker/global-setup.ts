import type { TestProject } from "vitest/node";
import { startFrameworkBridge } from "../support/framework-bridge";
import { startRecordingServer } from "../support/recording-server";

/**
 * One recording provider host and one `@novu/framework` bridge host for the whole workers project; each test uses
 * its own paths on them.
 */
export default async function setup(project: TestProject) {
  const recording = await startRecordingServer();
  const bridge = await startFrameworkBridge();
  project.provide("providerHost", recording.url);
  project.provide("bridgeHost", bridge.url);
  return async () => {
    await Promise.all(
      [recording.server, bridge.server].map((server) => {
        server.closeAllConnections();
        return new Promise<void>((resolve) => server.close(() => resolve()));
      }),
    );
  };
}
