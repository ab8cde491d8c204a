import type { DomainConnectReason } from "../domain-ops.schemas";
import { lookup, normalizeHost } from "./doh";

/**
 * Domain Connect (domainconnect.org): a DNS provider that supports it advertises an API host in the zone's
 * `_domainconnect` TXT record; its settings (`GET https://<host>/v2/<zone>/settings`) name the synchronous flow's
 * URL, where the customer approves a template of records that the service provider onboarded with that DNS
 * provider beforehand. This module answers whether that flow can run for a domain, step by step as Novu checks it.
 */
export type ProviderSettings = {
  providerId?: string;
  providerName?: string;
  providerDisplayName?: string;
  urlSyncUX?: string;
  urlAPI?: string;
};

export type Template = { providerId: string; serviceId: string };

export type Probe =
  | { available: false; reasonCode: DomainConnectReason; reason: string; providerName?: string }
  | {
      available: true;
      zone: string;
      settings: ProviderSettings & { urlSyncUX: string };
      providerName: string;
      template: Template;
    };

const timeoutMs = 5_000;

/** Loopback hosts may be reached over plain HTTP: a local DNS-provider stand-in, never a production provider. */
const isLoopback = (hostname: string) =>
  hostname === "localhost" || hostname === "[::1]" || hostname.startsWith("127.");

const trustedHosts = (env: Env) =>
  (env.DOMAIN_CONNECT_PROVIDER_HOSTS ?? "").split(",").map(normalizeHost).filter(Boolean);

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/** Is `url` on a trusted provider host (or a subdomain of one), over HTTPS (HTTP for loopback only)? */
function isTrusted(env: Env, url: string): boolean {
  const parsed = parse(url);
  if (!parsed) return false;
  const host = parsed.hostname.toLowerCase();
  if (parsed.protocol !== "https:" && !(parsed.protocol === "http:" && isLoopback(host))) return false;
  return trustedHosts(env).some((trusted) => host === trusted || host.endsWith(`.${trusted}`));
}

/** `_domainconnect` lives at the zone apex: try the registrable-looking name first, then each longer one. */
async function discover(env: Env, name: string): Promise<{ zone: string; base: string } | undefined> {
  const labels = name.split(".");
  for (let start = Math.max(labels.length - 2, 0); start >= 0; start--) {
    const zone = labels.slice(start).join(".");
    const answer = await lookup(env, `_domainconnect.${zone}`, "TXT");
    const host = answer.status === "found" ? answer.data[0]?.trim().replace(/^https?:\/\//i, "") : undefined;
    if (!host) continue;
    const hostname = (host.split("/")[0] ?? "").replace(/:\d+$/, "");
    return { zone, base: `${isLoopback(hostname) ? "http" : "https"}://${host.replace(/\/+$/, "")}` };
  }
  return undefined;
}

async function getJson(url: string): Promise<unknown> {
  const res = await fetch(url, {
    headers: { accept: "application/json" },
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!res.ok) {
    await res.body?.cancel();
    throw new Error(`HTTP ${res.status}`);
  }
  return res.json();
}

export function configuredTemplate(env: Env): Template | undefined {
  const providerId = env.DOMAIN_CONNECT_PROVIDER_ID?.trim();
  const serviceId = env.DOMAIN_CONNECT_SERVICE_ID?.trim();
  return providerId && serviceId ? { providerId, serviceId } : undefined;
}

export async function probe(env: Env, name: string): Promise<Probe> {
  const template = configuredTemplate(env);
  if (!template)
    return {
      available: false,
      reasonCode: "disabled",
      reason: "Domain Connect auto-configuration is not enabled (DOMAIN_CONNECT_PROVIDER_ID is not set).",
    };
  const discovery = await discover(env, name);
  if (!discovery)
    return {
      available: false,
      reasonCode: "discovery_not_configured",
      reason: `No _domainconnect TXT record was found for ${name} or its parent domains: its DNS provider does not advertise Domain Connect.`,
    };
  const providerHost = parse(discovery.base)?.hostname ?? discovery.base;
  if (!isTrusted(env, discovery.base))
    return {
      available: false,
      reasonCode: "unsupported_provider",
      reason: `The DNS provider's Domain Connect host ${providerHost} is not one this platform supports.`,
    };
  if (!env.DOMAIN_CONNECT_PRIVATE_KEY || !parse(env.DOMAIN_CONNECT_REDIRECT_URL ?? ""))
    return {
      available: false,
      providerName: providerHost,
      reasonCode: "incomplete_configuration",
      reason: "Domain Connect signing configuration is incomplete.",
    };
  let settings: ProviderSettings;
  try {
    const json = await getJson(`${discovery.base}/v2/${discovery.zone}/settings`);
    if (!json || typeof json !== "object") throw new Error("settings are not a JSON object");
    settings = json as ProviderSettings;
  } catch {
    return {
      available: false,
      providerName: providerHost,
      reasonCode: "provider_settings_unavailable",
      reason:
        "Failed to retrieve the DNS provider's Domain Connect settings. Please set the records up manually or retry.",
    };
  }
  const providerName = settings.providerDisplayName || settings.providerName || providerHost;
  const { urlSyncUX, urlAPI } = settings;
  if (!urlSyncUX || !isTrusted(env, urlSyncUX) || (urlAPI !== undefined && !isTrusted(env, urlAPI)))
    return {
      available: false,
      providerName,
      reasonCode: "untrusted_provider_flow",
      reason: "This DNS provider did not return a trusted synchronous Domain Connect flow.",
    };
  const supported =
    urlAPI !== undefined &&
    (await fetch(
      `${urlAPI.replace(/\/+$/, "")}/v2/domainTemplates/providers/${template.providerId}/services/${template.serviceId}`,
      { redirect: "manual", signal: AbortSignal.timeout(timeoutMs) },
    )
      .then(async (res) => {
        await res.body?.cancel();
        return res.ok;
      })
      .catch(() => false));
  if (!supported)
    return {
      available: false,
      providerName,
      reasonCode: "template_not_onboarded",
      reason: "The inbound email template is not onboarded with this DNS provider yet.",
    };
  return {
    available: true,
    zone: discovery.zone,
    settings: { ...settings, urlSyncUX },
    providerName,
    template,
  };
}
