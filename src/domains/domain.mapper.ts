import type { DomainRouteRow, DomainRow } from "../db/schema";
import { toIso } from "../lib/time";
import type { DomainDto, ExpectedDnsRecord, RouteDto } from "./domain.schemas";

export function toDomainDto(row: DomainRow, expectedDnsRecords?: ExpectedDnsRecord[]): DomainDto {
  return {
    _id: row.id,
    name: row.name,
    status: row.status,
    mxRecordConfigured: row.mxRecordConfigured,
    ...(row.dnsProvider ? { dnsProvider: row.dnsProvider } : {}),
    _environmentId: row.environmentId,
    _organizationId: row.organizationId,
    createdAt: toIso(row.createdAt),
    updatedAt: toIso(row.updatedAt),
    ...(expectedDnsRecords ? { expectedDnsRecords } : {}),
    ...(row.data ? { data: row.data } : {}),
  };
}

export function toRouteDto(row: DomainRouteRow): RouteDto {
  return {
    _id: row.id,
    _domainId: row.domainId,
    address: row.address,
    ...(row.agentId ? { agentId: row.agentId } : {}),
    type: row.type,
    _environmentId: row.environmentId,
    _organizationId: row.organizationId,
    createdAt: toIso(row.createdAt),
    updatedAt: toIso(row.updatedAt),
    ...(row.data ? { data: row.data } : {}),
  };
}
