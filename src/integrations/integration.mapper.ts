import type { IntegrationRow } from "../db/schema";
import { toIso } from "../lib/time";
import type { IntegrationCredentials, IntegrationDto } from "./integration.schemas";

/** Credentials that grant access: shown only by their last four characters, never in full. */
const secretFields = new Set<keyof IntegrationCredentials>([
  "apiKey",
  "secretKey",
  "password",
  "token",
  "apiToken",
  "serviceAccount",
  "accessKey",
  "authenticationTokenKey",
]);

export function maskCredentials(credentials: IntegrationCredentials): Record<string, string | boolean> {
  const masked: Record<string, string | boolean> = {};
  for (const [key, value] of Object.entries(credentials)) {
    if (value === undefined) continue;
    masked[key] =
      typeof value === "string" && secretFields.has(key as keyof IntegrationCredentials)
        ? `****${value.length > 8 ? value.slice(-4) : ""}`
        : value;
  }
  return masked;
}

export function toIntegrationDto(row: IntegrationRow, credentials: IntegrationCredentials): IntegrationDto {
  return {
    _id: row.id,
    _environmentId: row.environmentId,
    _organizationId: row.organizationId,
    name: row.name,
    identifier: row.identifier,
    providerId: row.providerId,
    channel: row.channel,
    credentials: maskCredentials(credentials),
    configurations: row.configurations,
    active: row.active,
    deleted: false,
    primary: row.primary,
    fallback: row.fallback,
    conditions: row.conditions,
    createdAt: toIso(row.createdAt),
    updatedAt: toIso(row.updatedAt),
  };
}
