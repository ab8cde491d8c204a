import { createMiddleware } from "hono/factory";
import type { BucketPolicy, Taken } from "../../durable-objects/idempotency";
import type { AppEnv } from "../app-env";
import { HttpError } from "../http/http-error";
import { LeaseBook } from "./rate-limit-lease";

type Category = "trigger" | "configuration" | "global";
const serviceLevels = ["free", "pro", "team", "enterprise"] as const;
type ServiceLevel = (typeof serviceLevels)[number];

/** Requests per second of each category at each service level, from Novu's rate-limiting page. */
const perSecond: Record<Category, Record<ServiceLevel, number>> = {
  trigger: { free: 60, pro: 240, team: 600, enterprise: 6000 },
  configuration: { free: 20, pro: 80, team: 200, enterprise: 2000 },
  global: { free: 30, pro: 120, team: 300, enterprise: 3000 },
};
/** Novu's buckets refill over 5 s and hold 10 % more than they refill (`300;w=5;burst=330`). */
const windowSeconds = 5;
const bulkCost = 100;

const triggerPaths = new Set([
  "/v1/events/trigger",
  "/v1/events/trigger/bulk",
  "/v1/events/trigger/broadcast",
]);
const bulkPaths = new Set(["/v1/events/trigger/bulk", "/v1/subscribers/bulk"]);
const configurationPrefixes = [
  "/v1/subscribers",
  "/v2/subscribers",
  "/v1/topics",
  "/v2/topics",
  "/v2/contexts",
  "/v1/agents",
  "/v1/domains",
];

function categoryOf(method: string, path: string): Category {
  if (method === "POST" && triggerPaths.has(path)) return "trigger";
  const configuration = configurationPrefixes.some(
    (prefix) => path === prefix || path.startsWith(`${prefix}/`),
  );
  return configuration ? "configuration" : "global";
}

function policyOf(category: Category, level: ServiceLevel): BucketPolicy {
  const limit = perSecond[category][level] * windowSeconds;
  return { limit, windowSeconds, burst: Math.floor(limit * 1.1) };
}

function serviceLevel(setting: string | undefined): ServiceLevel | null {
  return serviceLevels.find((level) => level === setting) ?? null;
}

function headers(taken: Taken, policy: BucketPolicy, category: Category, cost: string, level: ServiceLevel) {
  return {
    "RateLimit-Remaining": String(taken.remaining),
    "RateLimit-Limit": String(policy.limit),
    "RateLimit-Reset": String(taken.resetSeconds),
    "RateLimit-Policy": `${policy.limit};w=${policy.windowSeconds};burst=${policy.burst};comment="token bucket";category="${category}";cost="${cost}";serviceLevel="${level}"`,
  };
}

/** This isolate's token leases (see LeaseBook): most requests are counted without leaving the isolate. */
const leases = new LeaseBook();

/**
 * Novu's API rate limits: a token bucket per environment and category (trigger, configuration, global), bulk
 * requests costing 100 tokens, `RateLimit-*` headers on every answer and 429 with `Retry-After` when empty, at the
 * service level `API_RATE_LIMIT` names; "off" turns them off, as self-hosted Novu leaves them.
 */
export const rateLimit = createMiddleware<AppEnv>(async (c, next) => {
  const level = serviceLevel(c.env.API_RATE_LIMIT);
  const tenant = c.get("tenant");
  if (!level || !tenant) return next();
  const category = categoryOf(c.req.method, c.req.path);
  const bulk = c.req.method === "POST" && bulkPaths.has(c.req.path);
  const policy = policyOf(category, level);
  const taken = await leases.take(
    `${tenant.id}:${category}:${level}`,
    policy,
    bulk ? bulkCost : 1,
    (request) => c.env.IDEMPOTENCY.getByName(tenant.id).rateLimit(category, policy, request),
  );
  const rateHeaders = headers(taken, policy, category, bulk ? "bulk" : "single", level);
  if (!taken.allowed) {
    throw new HttpError(429, "API rate limit exceeded", {
      headers: { ...rateHeaders, "Retry-After": String(taken.retryAfterSeconds) },
    });
  }
  await next();
  for (const [name, value] of Object.entries(rateHeaders)) c.res.headers.set(name, value);
});
