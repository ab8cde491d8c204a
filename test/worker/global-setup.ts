import type { TestProject } from "vitest/node";
import { startFrameworkBridge } from "../support/framework-bridge";
import { startRecordingServer } from "../support/recording-server";
import { startSmtpServer } from "../support/smtp-server";

/**
 * One recording provider host, one `@novu/framework` bridge host and one SMTP server for the whole workers project;
 * each test uses its own paths (or recipient addresses) on them.
 */
export default async function setup(project: TestProject) {
  const recording = await startRecordingServer();
  const bridge = await startFrameworkBridge();
  project.provide("providerHost", recording.url);
  project.provide("bridgeHost", bridge.url);
  const smtp = await startSmtpServer();
  project.provide("smtpPort", smtp.port);
  project.provide("smtpInbox", smtp.inbox);
  return async () => {
    await smtp.close();
    await Promise.all(
      [recording.server, bridge.server].map((server) => {
        server.closeAllConnections();
        return new Promise<void>((resolve) => server.close(() => resolve()));
      }),
    );
  };
}
