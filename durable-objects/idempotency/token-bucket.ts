/** Novu's token bucket: `limit` tokens flow in per `windowSeconds`, held up to `burst`. */
export type BucketPolicy = { limit: number; windowSeconds: number; burst: number };
export type Bucket = { tokens: number; at: number };
export type Taken = {
  allowed: boolean;
  /** Whole tokens left after this request. */
  remaining: number;
  /** Seconds until the bucket is full again. */
  resetSeconds: number;
  /** Seconds until this request's cost would be available; 0 when it was allowed. */
  retryAfterSeconds: number;
};

/** Takes `cost` tokens if the bucket holds them; a refused request takes nothing. */
export function takeTokens(
  bucket: Bucket | undefined,
  policy: BucketPolicy,
  cost: number,
  now: number,
): { bucket: Bucket; taken: Taken } {
  const perMs = policy.limit / (policy.windowSeconds * 1000);
  const elapsed = bucket ? Math.max(0, now - bucket.at) : 0;
  const available = Math.min(policy.burst, (bucket?.tokens ?? policy.burst) + elapsed * perMs);
  const allowed = available >= cost;
  const tokens = allowed ? available - cost : available;
  return {
    bucket: { tokens, at: now },
    taken: {
      allowed,
      remaining: Math.floor(tokens),
      resetSeconds: Math.ceil((policy.burst - tokens) / perMs / 1000),
      retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil((cost - tokens) / perMs / 1000)),
    },
  };
}
