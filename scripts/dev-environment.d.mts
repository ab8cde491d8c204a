// Types for dev-environment.mjs, so the Node-side TypeScript (the real-client tests) can use its helpers.
import type { ChildProcess, StdioOptions } from "node:child_process";

export interface EnvironmentKeys {
  id: string;
  name: "Development" | "Production";
  type: "dev" | "prod";
  applicationIdentifier: string;
  secretKey: string;
}

export interface LocalKeys {
  organizationId: string;
  signingSecret: string;
  encryptionKey: string;
  environments: [EnvironmentKeys, EnvironmentKeys];
}

export const quietWrangler: NodeJS.ProcessEnv;

export function prepareLocalState(options: {
  persistTo: string;
  secretKey?: string;
  applicationIdentifier?: string;
}): LocalKeys;

export function startWorker(options: {
  port: number;
  persistTo: string;
  stdio?: StdioOptions;
  /** A folder with a built Worker (`index.js`) and its `wrangler.toml`, served as is instead of watching src/. */
  bundle?: string;
  /** Worker variables passed as `--var NAME:value`, over wrangler.toml's. */
  vars?: Record<string, string>;
  /** The DevTools (inspector) port; 0 or absent picks any. */
  inspectorPort?: number;
}): Promise<{ child: ChildProcess; url: string }>;

export function freePort(): Promise<number>;

export function stopWorker(child: ChildProcess): Promise<void>;
