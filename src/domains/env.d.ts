declare namespace Cloudflare {
  interface Env {
    /** Signs Domain Connect apply URLs (PKCS#8 PEM); `wrangler secret put DOMAIN_CONNECT_PRIVATE_KEY`. */
    DOMAIN_CONNECT_PRIVATE_KEY?: string;
  }
}
