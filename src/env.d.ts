declare namespace Cloudflare {
  interface Env {
    /** Signs Inbox session tokens; `wrangler secret put NOVU_SIGNING_SECRET` in production. */
    NOVU_SIGNING_SECRET: string;
    /** Encrypts provider credentials at rest; `wrangler secret put NOVU_ENCRYPTION_KEY` in production. */
    NOVU_ENCRYPTION_KEY: string;
  }
}
