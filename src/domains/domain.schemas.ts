import { z } from "@hono/zod-openapi";
import { cursorQuery } from "../http/pagination";

/** Novu's `IsBoundedRecord`: string values, at most 10 keys and 500 characters of keys and values together. */
export const metadata = z
  .record(z.string(), z.string())
  .refine((data) => Object.keys(data).length <= 10, { message: "data may hold at most 10 keys" })
  .refine((data) => Object.entries(data).reduce((n, [k, v]) => n + k.length + v.length, 0) <= 500, {
    message: "data keys and values may hold at most 500 characters together",
  })
  .openapi({ description: "String key-value metadata (max 10 keys, 500 characters total for keys+values)" });

const label = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/i;
const topLevel = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/i;

/** A fully qualified name as class-validator's `IsFQDN` checks it for Novu: a TLD, no underscores or wildcards. */
export function isDomainName(value: string): boolean {
  const labels = value.split(".");
  const tld = labels[labels.length - 1] ?? "";
  return (
    value.length <= 253 && labels.length >= 2 && labels.every((l) => label.test(l)) && topLevel.test(tld)
  );
}

export const domainName = z
  .string()
  .trim()
  .min(1)
  .refine(isDomainName, { message: "name must be a valid domain name, such as inbound.example.com" })
  .transform((name) => name.toLowerCase())
  .openapi({ example: "inbound.example.com" });

/** RFC 5322 dot-atom, as Novu's `IsEmailLocalPart`; `*` is the catch-all. */
const localPart = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/i;

export const routeAddress = z
  .string()
  .trim()
  .toLowerCase()
  .min(1)
  .max(64)
  .refine((address) => address === "*" || localPart.test(address), {
    message: 'address must be a valid inbox address local part, for example "hello" or "sales+vip", or "*"',
  })
  .openapi({ description: 'Inbox address local part (e.g. "support"), or "*" for every other address' });

export const routeType = z.enum(["agent", "webhook"]);
export type RouteType = z.infer<typeof routeType>;

export const createDomainBody = z
  .object({ name: domainName, data: metadata.optional() })
  .openapi("CreateDomainDto");
export type CreateDomainInput = z.infer<typeof createDomainBody>;

export const updateDomainBody = z.object({ data: metadata.optional() }).openapi("UpdateDomainDto");
export type UpdateDomainInput = z.infer<typeof updateDomainBody>;

export const createRouteBody = z
  .object({
    address: routeAddress,
    type: routeType,
    agentId: z
      .string()
      .min(1)
      .optional()
      .openapi({ description: "Agent identifier; required for agent routes" }),
    data: metadata.optional(),
  })
  .openapi("DomainRouteDto");
export type CreateRouteInput = z.infer<typeof createRouteBody>;

export const updateRouteBody = z
  .object({ type: routeType.optional(), agentId: z.string().min(1).optional(), data: metadata.optional() })
  .openapi("UpdateDomainRouteDto");
export type UpdateRouteInput = z.infer<typeof updateRouteBody>;

/** Path params are matched case-insensitively, as stored; a name that cannot exist is simply not found. */
export const domainParam = z.object({
  domain: z
    .string()
    .min(1)
    .transform((name) => name.toLowerCase())
    .openapi({ param: { name: "domain", in: "path" }, example: "inbound.example.com" }),
});

export const routeParam = domainParam.extend({
  address: z
    .string()
    .min(1)
    .transform((address) => address.trim().toLowerCase())
    .openapi({ param: { name: "address", in: "path" }, example: "support" }),
});

const listQuery = cursorQuery.extend({ orderBy: z.enum(["_id", "createdAt", "updatedAt"]).default("_id") });

export const listDomainsQuery = listQuery.extend({
  name: z.string().optional().openapi({ description: "Only domains whose name contains this" }),
});
export type ListDomainsQuery = z.infer<typeof listDomainsQuery>;

export const listRoutesQuery = listQuery.extend({
  agentId: z.string().optional().openapi({ description: "Only routes to the agent with this identifier" }),
});
export type ListRoutesQuery = z.infer<typeof listRoutesQuery>;

export const expectedDnsRecord = z
  .object({
    type: z.string(),
    name: z.string(),
    content: z.string(),
    ttl: z.string(),
    priority: z.number().optional(),
  })
  .openapi("ExpectedDnsRecordDto");
export type ExpectedDnsRecord = z.infer<typeof expectedDnsRecord>;

export const domainResponse = z
  .object({
    _id: z.string(),
    name: z.string(),
    status: z.enum(["pending", "verified"]),
    mxRecordConfigured: z.boolean(),
    dnsProvider: z.string().optional(),
    _environmentId: z.string(),
    _organizationId: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    expectedDnsRecords: z.array(expectedDnsRecord).optional(),
    data: z.record(z.string(), z.string()).optional(),
  })
  .openapi("DomainResponseDto");
export type DomainDto = z.infer<typeof domainResponse>;

export const routeResponse = z
  .object({
    _id: z.string(),
    _domainId: z.string(),
    address: z.string(),
    agentId: z.string().optional().openapi({ description: "Internal id of the agent, for agent routes" }),
    type: routeType,
    _environmentId: z.string(),
    _organizationId: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    data: z.record(z.string(), z.string()).optional(),
  })
  .openapi("DomainRouteResponseDto");
export type RouteDto = z.infer<typeof routeResponse>;
