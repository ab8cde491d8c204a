import "vitest";

/** What `global-setup.ts` hands to the real-client tests through `provide()` / `inject()`. */
interface EnvironmentCredentials {
  secretKey: string;
  applicationIdentifier: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    /** `http://127.0.0.1:<port>` of the `wrangler dev` started for this run. */
    apiUrl: string;
    development: EnvironmentCredentials;
    production: EnvironmentCredentials;
    /** The file `wrangler dev`'s stdout and stderr go to, for tests that check what the server logs. */
    wranglerLog: string;
    /** The Worker's own secrets (`--var`s of `wrangler dev`), which must not show in that log either. */
    serverSecrets: { signingSecret: string; encryptionKey: string };
  }
}
