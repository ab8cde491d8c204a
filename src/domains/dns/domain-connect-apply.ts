import type { DomainRow } from "../../db/schema";
import { HttpError } from "../../http/http-error";
import type { ApplyUrlDto } from "../domain-ops.schemas";
import type { Probe } from "./domain-connect";
import { inboundMailHosts } from "./mail-hosts";

type Available = Extract<Probe, { available: true }>;

/** `{domain}`, `{domainId}`, `{environmentId}` in the configured redirect URL name this domain. */
const fill = (template: string, domain: DomainRow) =>
  template
    .replaceAll("{domain}", domain.name)
    .replaceAll("{domainId}", domain.id)
    .replaceAll("{environmentId}", domain.environmentId);

/** The caller's redirect must stay on the configured origin (the one the template allows); the provider appends. */
function redirectUri(env: Env, domain: DomainRow, requested: string | undefined): string {
  const configured = new URL(fill(env.DOMAIN_CONNECT_REDIRECT_URL, domain));
  const url = new URL(requested ? fill(requested, domain) : configured.href);
  if (url.origin !== configured.origin)
    throw HttpError.badRequest(`redirectUri must be on ${configured.origin}, as the template allows.`);
  url.searchParams.set("domainConnect", "submitted");
  url.searchParams.set("domain", domain.name);
  return url.href;
}

const base64 = (bytes: ArrayBuffer) => btoa(String.fromCharCode(...new Uint8Array(bytes)));

/** RSA-SHA256 over the query string, with the PKCS#8 key whose public half is at `<key host>.<providerId>`. */
async function sign(pem: string, payload: string): Promise<string> {
  const der = pem
    .replace(/\\n/g, "\n")
    .replace(/-----(BEGIN|END) PRIVATE KEY-----/g, "")
    .replace(/\s+/g, "");
  let key: CryptoKey;
  try {
    key = await crypto.subtle.importKey(
      "pkcs8",
      Uint8Array.from(atob(der), (c) => c.charCodeAt(0)),
      { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" },
      false,
      ["sign"],
    );
  } catch {
    throw HttpError.badRequest("DOMAIN_CONNECT_PRIVATE_KEY is not a PKCS#8 RSA private key.");
  }
  return base64(await crypto.subtle.sign("RSASSA-PKCS1-v1_5", key, new TextEncoder().encode(payload)));
}

/**
 * The signed synchronous-flow URL: the customer follows it, approves the template at their DNS provider, and is
 * sent back to the redirect URI. `host` is the part of the domain below the zone; `state` names the domain.
 */
export async function applyUrl(
  env: Env,
  domain: DomainRow,
  probe: Available,
  requested?: string,
): Promise<ApplyUrlDto> {
  const redirect = redirectUri(env, domain, requested);
  const params = new URLSearchParams({ domain: probe.zone });
  if (domain.name !== probe.zone) params.set("host", domain.name.slice(0, -probe.zone.length - 1));
  params.set("mailServerDomain", inboundMailHosts(env)[0] ?? "");
  params.set("redirect_uri", redirect);
  const state = JSON.stringify({
    domainId: domain.id,
    environmentId: domain.environmentId,
    timestamp: Date.now(),
  });
  params.set("state", btoa(state).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, ""));
  const sig = await sign(env.DOMAIN_CONNECT_PRIVATE_KEY ?? "", params.toString());
  params.set("key", env.DOMAIN_CONNECT_KEY_HOST || "_dck1");
  params.set("sig", sig);
  const { providerId, serviceId } = probe.template;
  const url = `${probe.settings.urlSyncUX.replace(/\/+$/, "")}/v2/domainTemplates/providers/${providerId}/services/${serviceId}/apply`;
  return { applyUrl: `${url}?${params}`, providerName: probe.providerName, redirectUri: redirect };
}
