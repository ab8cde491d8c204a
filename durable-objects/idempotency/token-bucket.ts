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

export type LeaseRequest = { cost: number; spare: number; returned: number };
/** A `Taken` plus the spare tokens leased to the isolate (0 when refused). */
export type Leased = Taken & { spare: number };

/**
 * `takeTokens` for an isolate that keeps a lease: `returned` unspent tokens of its last lease go back first, then
 * the request's `cost` is taken and, only if it was allowed, up to `spare` more tokens for the isolate to spend on
 * its next requests without asking again. `taken.remaining` is what the bucket holds after the lease.
 */
export function leaseTokens(
  bucket: Bucket | undefined,
  policy: BucketPolicy,
  request: LeaseRequest,
  now: number,
): { bucket: Bucket; taken: Taken; spare: number } {
  const refilled = takeTokens(bucket, policy, 0, now).bucket;
  const restored = { ...refilled, tokens: Math.min(policy.burst, refilled.tokens + request.returned) };
  const first = takeTokens(restored, policy, request.cost, now);
  if (!first.taken.allowed) return { ...first, spare: 0 };
  const spare = Math.min(request.spare, Math.floor(first.bucket.tokens));
  const leased = takeTokens(first.bucket, policy, spare, now);
  return { bucket: leased.bucket, taken: { ...leased.taken, retryAfterSeconds: 0 }, spare };
}
