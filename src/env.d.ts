declare namespace Cloudflare {
  interface Env {
    /** Signs Inbox session tokens; `wrangler secret put NOVU_SIGNING_SECRET` in production. */
    NOVU_SIGNING_SECRET: string;
  }
}
