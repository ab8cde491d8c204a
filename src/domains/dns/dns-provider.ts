import { lookup } from "./doh";

/** Name servers' host suffixes → the provider customers know them by (Novu's list). */
const providers: Array<[string, string]> = [
  ["cloudflare.com", "Cloudflare"],
  ["awsdns", "Amazon Route 53"],
  ["azure-dns.", "Azure DNS"],
  ["googledomains.com", "Google Domains"],
  ["google.com", "Google Domains"],
  ["domaincontrol.com", "GoDaddy"],
  ["registrar-servers.com", "Namecheap"],
  ["dnsmadeeasy.com", "DNS Made Easy"],
  ["vercel-dns.com", "Vercel"],
  ["nsone.net", "NS1"],
  ["dnsimple.com", "DNSimple"],
  ["hover.com", "Hover"],
  ["name.com", "Name.com"],
  ["squarespace.com", "Squarespace"],
  ["wixdns.net", "Wix"],
  ["shopify.com", "Shopify"],
];

/**
 * The DNS provider serving the domain's zone: the NS records of the name or, for a subdomain without its own
 * zone, of the closest parent that has them. Best effort: undefined when unknown or unresolvable.
 */
export async function detectDnsProvider(env: Env, name: string): Promise<string | undefined> {
  const labels = name.split(".");
  for (let i = 0; i < labels.length - 1; i++) {
    const answer = await lookup(env, labels.slice(i).join("."), "NS");
    if (answer.status !== "found") continue;
    const servers = answer.data.map((ns) => ns.toLowerCase());
    return providers.find(([pattern]) => servers.some((ns) => ns.includes(pattern)))?.[1];
  }
  return undefined;
}
