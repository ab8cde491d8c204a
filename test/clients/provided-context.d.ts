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
  }
}
