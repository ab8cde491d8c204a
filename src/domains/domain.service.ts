import { and, eq, sql } from "drizzle-orm";
import type { Tenant } from "../app-env";
import type { Database } from "../db/client";
import { cursorPage } from "../db/cursor-page";
import { type DomainRow, domains } from "../db/schema";
import { HttpError } from "../http/http-error";
import { objectId } from "../lib/ids";
import { detectDnsProvider } from "./dns/dns-provider";
import { lookup, parseMx } from "./dns/doh";
import { inboundMailHosts } from "./dns/mail-hosts";
import type { CreateDomainInput, ListDomainsQuery, UpdateDomainInput } from "./domain.schemas";

const scoped = (tenant: Tenant, name: string) =>
  and(eq(domains.environmentId, tenant.id), eq(domains.name, name));

export async function getDomain(db: Database, tenant: Tenant, name: string): Promise<DomainRow> {
  const [row] = await db.select().from(domains).where(scoped(tenant, name)).limit(1);
  if (!row) throw HttpError.notFound(`Domain "${name}" not found.`);
  return row;
}

/** LIKE pattern for a substring match, with the caller's `%`, `_` and `\` taken literally. */
const containing = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export function listDomains(db: Database, tenant: Tenant, query: ListDomainsQuery) {
  if (query.after && query.before)
    throw HttpError.badRequest('Cannot specify both "before" and "after" cursors at the same time.');
  const where = and(
    eq(domains.environmentId, tenant.id),
    query.name ? sql`${domains.name} like ${containing(query.name)} escape '\\'` : undefined,
  );
  const sortColumn = { _id: domains.id, createdAt: domains.createdAt, updatedAt: domains.updatedAt }[
    query.orderBy
  ];
  return cursorPage(db, domains, sortColumn, where, query);
}

/**
 * Registers a domain as pending. Names are unique across environments (the MX record sends the domain's mail to
 * one place), so a name another environment holds is a 409 too, as in Novu.
 */
export async function createDomain(
  env: Env,
  db: Database,
  tenant: Tenant,
  input: CreateDomainInput,
): Promise<DomainRow> {
  const conflict = () => HttpError.conflict(`A domain with name "${input.name}" already exists.`);
  const [existing] = await db
    .select({ id: domains.id })
    .from(domains)
    .where(eq(domains.name, input.name))
    .limit(1);
  if (existing) throw conflict();
  const dnsProvider = await detectDnsProvider(env, input.name);
  const now = Date.now();
  const [row] = await db
    .insert(domains)
    .values({
      id: objectId(now),
      environmentId: tenant.id,
      organizationId: tenant.organizationId,
      name: input.name,
      status: "pending",
      mxRecordConfigured: false,
      dnsProvider: dnsProvider ?? null,
      data: input.data ?? null,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing()
    .returning();
  if (!row) throw conflict();
  return row;
}

/** `data`, when given, replaces the metadata; an empty body changes nothing. */
export async function updateDomain(
  db: Database,
  tenant: Tenant,
  name: string,
  input: UpdateDomainInput,
): Promise<DomainRow> {
  if (input.data === undefined) return getDomain(db, tenant, name);
  const [row] = await db
    .update(domains)
    .set({ data: input.data, updatedAt: Date.now() })
    .where(scoped(tenant, name))
    .returning();
  if (!row) throw HttpError.notFound(`Domain "${name}" not found.`);
  return row;
}

/** Its routes go with it (foreign key cascade): mail for the domain is refused from now on. */
export async function deleteDomain(db: Database, tenant: Tenant, name: string): Promise<void> {
  const removed = await db.delete(domains).where(scoped(tenant, name)).returning({ id: domains.id });
  if (removed.length === 0) throw HttpError.notFound(`Domain "${name}" not found.`);
}

/**
 * Looks the domain's MX records up now: verified when one points at an inbound mail host, pending again when none
 * does any more. A lookup without a verdict (resolver down, SERVFAIL) changes nothing, so a verified domain does not
 * stop receiving mail because of a passing DNS failure.
 */
export async function verifyDomain(env: Env, db: Database, tenant: Tenant, name: string): Promise<DomainRow> {
  const domain = await getDomain(db, tenant, name);
  const answer = await lookup(env, domain.name, "MX");
  if (answer.status === "failed") {
    console.warn(
      `MX lookup for ${domain.name} failed (${answer.reason}); verification status left as it was`,
    );
    return domain;
  }
  const hosts = inboundMailHosts(env);
  const configured =
    answer.status === "found" && parseMx(answer.data).some((record) => hosts.includes(record.exchange));
  const status = configured ? "verified" : "pending";
  if (configured === domain.mxRecordConfigured && status === domain.status) return domain;
  const [row] = await db
    .update(domains)
    .set({ mxRecordConfigured: configured, status, updatedAt: Date.now() })
    .where(scoped(tenant, domain.name))
    .returning();
  return row ?? domain;
}
