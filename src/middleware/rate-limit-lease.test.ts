import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Bucket, leaseTokens } from "../../durable-objects/idempotency/token-bucket";
import { type AskBucket, LeaseBook } from "./rate-limit-lease";

const free = { limit: 300, windowSeconds: 5, burst: 330 };
const enterprise = { limit: 30_000, windowSeconds: 5, burst: 33_000 };

/** One environment's bucket, as its Durable Object keeps it, asked by any number of isolates. */
function sharedBucket(policy: typeof free, clock: () => number) {
  let bucket: Bucket | undefined;
  let asks = 0;
  const ask: AskBucket = async (request) => {
    asks++;
    const leased = leaseTokens(bucket, policy, request, clock());
    bucket = leased.bucket;
    return { ...leased.taken, spare: leased.spare };
  };
  return { ask, asks: () => asks };
}

describe("LeaseBook", () => {
  it("lets exactly the burst through from one isolate, and says so in `remaining`", async () => {
    const book = new LeaseBook(() => 0);
    const bucket = sharedBucket(free, () => 0);
    const results = [];
    for (let i = 0; i < 400; i++) results.push(await book.take("env:trigger", free, 1, bucket.ask));
    expect(results.filter((r) => r.allowed)).toHaveLength(330);
    expect(results.slice(0, 3).map((r) => r.remaining)).toEqual([329, 328, 327]);
    expect(results[329]).toMatchObject({ allowed: true, remaining: 0 });
    expect(results[330]).toMatchObject({ allowed: false, remaining: 0 });
  });

  it("asks the bucket once per many requests when an isolate is busy", async () => {
    let now = 0;
    const book = new LeaseBook(() => now);
    const bucket = sharedBucket(enterprise, () => now);
    for (let i = 0; i < 2000; i++) {
      now = i; // 1,000 requests a second for two seconds
      expect((await book.take("env:trigger", enterprise, 1, bucket.ask)).allowed).toBe(true);
    }
    expect(bucket.asks()).toBeLessThan(40);
  });

  it("never lets more through than the bucket holds and refills, however isolates interleave", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            isolate: fc.integer({ min: 0, max: 3 }),
            wait: fc.integer({ min: 0, max: 300 }),
            cost: fc.constantFrom(1, 1, 1, 100),
            together: fc.integer({ min: 1, max: 5 }),
          }),
          { maxLength: 150 },
        ),
        async (steps) => {
          let now = 0;
          const clock = () => now;
          const bucket = sharedBucket(free, clock);
          const books = Array.from({ length: 4 }, () => new LeaseBook(clock));
          let spent = 0;
          for (const { isolate, wait, cost, together } of steps) {
            now += wait;
            const book = books[isolate] as LeaseBook;
            const taken = await Promise.all(
              Array.from({ length: together }, () => book.take("env:configuration", free, cost, bucket.ask)),
            );
            spent += taken.filter((t) => t.allowed).length * cost;
          }
          expect(spent).toBeLessThanOrEqual(free.burst + (now * free.limit) / (free.windowSeconds * 1000));
        },
      ),
    );
  });
});
