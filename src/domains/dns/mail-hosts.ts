import type { ExpectedDnsRecord } from "../domain.schemas";
import { normalizeHost } from "./doh";

/** The hosts that receive this platform's inbound mail (`INBOUND_MX_HOSTS`, comma-separated, preferred first). */
export function inboundMailHosts(env: Env): string[] {
  return (env.INBOUND_MX_HOSTS ?? "").split(",").map(normalizeHost).filter(Boolean);
}

/** What the customer adds at their DNS provider: one MX record per inbound host, in order of preference. */
export function expectedDnsRecords(env: Env, domainName: string): ExpectedDnsRecord[] {
  return inboundMailHosts(env).map((host, i) => ({
    type: "MX",
    name: domainName,
    content: host,
    ttl: "Auto",
    priority: (i + 1) * 10,
  }));
}
