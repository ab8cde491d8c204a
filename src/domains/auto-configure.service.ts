import type { Tenant } from "../app-env";
import type { Database } from "../db/client";
import { HttpError } from "../http/http-error";
import { probe } from "./dns/domain-connect";
import { applyUrl } from "./dns/domain-connect-apply";
import { expectedDnsRecords } from "./dns/mail-hosts";
import { getDomain } from "./domain.service";
import type { ApplyUrlDto, DomainConnectStatusDto } from "./domain-ops.schemas";

/** Whether the customer can apply the records through Domain Connect; the records to add by hand either way. */
export async function autoConfigureStatus(
  env: Env,
  db: Database,
  tenant: Tenant,
  name: string,
): Promise<DomainConnectStatusDto> {
  const domain = await getDomain(db, tenant, name);
  const manualRecords = expectedDnsRecords(env, domain.name);
  const result = await probe(env, domain.name);
  if (!result.available) return { ...result, manualRecords };
  return {
    available: true,
    providerName: result.providerName,
    ...(result.settings.providerId ? { providerId: result.settings.providerId } : {}),
    manualRecords,
  };
}

/** The signed URL that starts the flow; a 400 naming the reason when the flow is not available. */
export async function startAutoConfigure(
  env: Env,
  db: Database,
  tenant: Tenant,
  name: string,
  redirectUri: string | undefined,
): Promise<ApplyUrlDto> {
  const domain = await getDomain(db, tenant, name);
  const result = await probe(env, domain.name);
  if (!result.available) throw HttpError.badRequest(result.reason);
  return applyUrl(env, domain, result, redirectUri);
}
