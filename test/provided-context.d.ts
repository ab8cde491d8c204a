import "vitest";

declare module "vitest" {
  export interface ProvidedContext {
    /** Base URL of the recording server that stands in for providers' hosts (test/support/recording-server.ts). */
    providerHost: string;
    /** Base URL of the `@novu/framework` bridge host (test/support/framework-bridge.ts). */
    bridgeHost: string;
  }
}
