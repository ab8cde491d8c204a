import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Bucket, takeTokens } from "./token-bucket";

const policy = { limit: 300, windowSeconds: 5, burst: 330 };

describe("takeTokens", () => {
  it("starts full at the burst, and refills the limit per window up to the burst", () => {
    const first = takeTokens(undefined, policy, 1, 0);
    expect(first.taken).toEqual({ allowed: true, remaining: 329, resetSeconds: 1, retryAfterSeconds: 0 });
    const empty: Bucket = { tokens: 0, at: 0 };
    expect(takeTokens(empty, policy, 1, 1000).taken.remaining).toBe(59);
    expect(takeTokens(empty, policy, 0, 60_000).taken.remaining).toBe(330);
  });

  it("refuses a cost it does not hold, takes nothing, and says when it will", () => {
    const low: Bucket = { tokens: 10, at: 0 };
    const { bucket, taken } = takeTokens(low, policy, 100, 0);
    expect(taken).toMatchObject({ allowed: false, remaining: 10, retryAfterSeconds: 2 });
    expect(bucket.tokens).toBe(10);
  });

  it("never allows more than the burst plus what flowed in since", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ wait: fc.integer({ min: 0, max: 2000 }), cost: fc.constantFrom(1, 100) }), {
          maxLength: 200,
        }),
        (requests) => {
          let bucket: Bucket | undefined;
          let now = 0;
          let spent = 0;
          for (const { wait, cost } of requests) {
            now += wait;
            const next = takeTokens(bucket, policy, cost, now);
            bucket = next.bucket;
            if (next.taken.allowed) spent += cost;
            expect(next.bucket.tokens).toBeGreaterThanOrEqual(0);
            expect(next.bucket.tokens).toBeLessThanOrEqual(policy.burst);
          }
          expect(spent).toBeLessThanOrEqual(
            policy.burst + (now * policy.limit) / (policy.windowSeconds * 1000),
          );
        },
      ),
    );
  });
});
