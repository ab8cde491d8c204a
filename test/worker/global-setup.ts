import type { TestProject } from "vitest/node";
import { startRecordingServer } from "../support/recording-server";

/** One recording provider host for the whole workers project; each test uses its own paths on it. */
export default async function setup(project: TestProject) {
  const { url, server } = await startRecordingServer();
  project.provide("providerHost", url);
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}
