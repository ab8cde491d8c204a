import "vitest";

declare module "vitest" {
  export interface ProvidedContext {
    /** Base URL of the recording server that stands in for providers' hosts (test/support/recording-server.ts). */
    providerHost: string;
    /** Base URL of the `@novu/framework` bridge host (test/support/framework-bridge.ts). */
    bridgeHost: string;
    /** Port of the real SMTP server on 127.0.0.1 (test/support/smtp-server.ts). */
    smtpPort: number;
    /** Base URL of that SMTP server's HTTP inbox: `GET /messages?to=<address>`. */
    smtpInbox: string;
  }
}
