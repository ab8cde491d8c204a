import type { BucketPolicy, Leased, LeaseRequest, Taken } from "../../durable-objects/idempotency";

/** How long an isolate may spend a lease before it asks the environment's object again. */
const leaseMs = 1000;
/** The most spare tokens one isolate holds: 1 % of the bucket's refill, so many isolates cannot hoard it. */
const maxSpareShare = 0.01;

/** How many leases an isolate keeps before it drops the expired ones. */
const sweepAt = 1024;

type Lease = { spare: number; used: number; until: number; bucketRemaining: number; resetSeconds: number };

/** Asks the environment's bucket (its Durable Object) for a request's cost and a lease. */
export type AskBucket = (request: LeaseRequest) => Promise<Leased>;

/**
 * Token leases held by one isolate. Every bucket lives in its environment's Durable Object, but asking it on every
 * request would cost a round trip each and cap an environment at what one object serves (~1,000 req/s). Instead an
 * isolate leases spare tokens and spends them locally for up to a second. A lease starts at nothing (a quiet
 * isolate asks per request, so limits stay exact) and doubles with use up to 1 % of the refill; unspent tokens go
 * back with the next ask, so the bucket never counts more than was spent, and never lets through more than it holds.
 */
export class LeaseBook {
  private readonly leases = new Map<string, Lease>();

  constructor(private readonly now: () => number = Date.now) {}

  async take(key: string, policy: BucketPolicy, cost: number, ask: AskBucket): Promise<Taken> {
    const now = this.now();
    const lease = this.leases.get(key);
    if (lease && now < lease.until && lease.spare >= cost) {
      lease.spare -= cost;
      lease.used += cost;
      return {
        allowed: true,
        remaining: lease.bucketRemaining + lease.spare,
        resetSeconds: lease.resetSeconds,
        retryAfterSeconds: 0,
      };
    }
    // The old lease's spare goes back with this ask; a concurrent miss then finds none to return twice.
    this.leases.delete(key);
    const spare = Math.min(Math.floor(policy.limit * maxSpareShare), 2 * (lease?.used ?? 0));
    const { spare: granted, ...taken } = await ask({ cost, spare, returned: lease?.spare ?? 0 });
    if (taken.allowed) this.keep(key, granted, cost, taken, now);
    return { ...taken, remaining: taken.remaining + granted };
  }

  /** Stores a new lease, or adds to one a concurrent request stored while this one waited for the bucket. */
  private keep(key: string, spare: number, cost: number, taken: Taken, now: number): void {
    const current = this.leases.get(key);
    const view = { bucketRemaining: taken.remaining, resetSeconds: taken.resetSeconds };
    if (current && now < current.until) {
      Object.assign(current, view, { spare: current.spare + spare, used: current.used + cost });
      return;
    }
    if (this.leases.size >= sweepAt) this.dropExpired(now);
    this.leases.set(key, { spare, used: cost, until: now + leaseMs, ...view });
  }

  /** An isolate serving many environments would otherwise keep a lease for each it ever saw. */
  private dropExpired(now: number): void {
    for (const [key, lease] of this.leases) if (now >= lease.until) this.leases.delete(key);
  }
}
