import { DurableObject } from "cloudflare:workers";
import type { Claim, StoredResponse } from "./idempotency.types";
import { type Bucket, type BucketPolicy, type Leased, type LeaseRequest, leaseTokens } from "./token-bucket";

/** Novu keeps an in-progress marker 5 minutes (a request that died mid-way frees its key then) and answers 24 h. */
export const pendingTtlMs = 5 * 60_000;
export const responseTtlMs = 24 * 60 * 60_000;

type KeyRow = {
  fingerprint: string;
  status: number | null;
  body: string | null;
  content_type: string | null;
};

/**
 * The idempotency keys and rate-limit buckets of one environment. A Durable Object runs one call at a time and each call here is
 * synchronous SQL, so a claim is atomic: of any number of concurrent requests with one key exactly one is `fresh`.
 */
export class IdempotencyDO extends DurableObject<Env> {
  private readonly sql: SqlStorage;
  /** In memory: an evicted object forgets its buckets, which then start full, as they would after a quiet spell. */
  private readonly buckets = new Map<string, Bucket>();

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.sql.exec(`CREATE TABLE IF NOT EXISTS keys (
      key TEXT PRIMARY KEY NOT NULL,
      fingerprint TEXT NOT NULL,
      status INTEGER,
      body TEXT,
      content_type TEXT,
      expires_at INTEGER NOT NULL
    )`);
    this.sql.exec("CREATE INDEX IF NOT EXISTS keys_expiry ON keys (expires_at)");
  }

  /** `fingerprint` identifies the request (method, path, body); a key only replays for the same one. */
  async claim(key: string, fingerprint: string): Promise<Claim> {
    const now = Date.now();
    const [row] = this.sql
      .exec<KeyRow>(
        "SELECT fingerprint, status, body, content_type FROM keys WHERE key = ? AND expires_at > ?",
        key,
        now,
      )
      .toArray();
    if (!row) {
      this.sql.exec(
        "INSERT OR REPLACE INTO keys (key, fingerprint, expires_at) VALUES (?, ?, ?)",
        key,
        fingerprint,
        now + pendingTtlMs,
      );
      await this.armPruning(now + pendingTtlMs);
      return { kind: "fresh" };
    }
    // Novu's order: a request still running is a conflict whatever its body.
    if (row.status === null) return { kind: "conflict" };
    if (row.fingerprint !== fingerprint) return { kind: "mismatch" };
    return {
      kind: "replay",
      response: { status: row.status, body: row.body ?? "", contentType: row.content_type },
    };
  }

  /** Stores the response of a `fresh` claim for replays, or with `null` frees the key so a retry runs again. */
  async complete(key: string, fingerprint: string, response: StoredResponse | null): Promise<void> {
    if (!response) {
      this.sql.exec(
        "DELETE FROM keys WHERE key = ? AND fingerprint = ? AND status IS NULL",
        key,
        fingerprint,
      );
      return;
    }
    this.sql.exec(
      "UPDATE keys SET status = ?, body = ?, content_type = ?, expires_at = ? WHERE key = ? AND fingerprint = ?",
      response.status,
      response.body,
      response.contentType,
      Date.now() + responseTtlMs,
      key,
      fingerprint,
    );
  }

  /**
   * Takes a request's cost from the named bucket (one per rate-limit category), plus a lease of spare tokens for
   * the asking isolate, which gives back what it did not spend of its last one.
   */
  rateLimit(name: string, policy: BucketPolicy, request: LeaseRequest): Leased {
    const { bucket, taken, spare } = leaseTokens(this.buckets.get(name), policy, request, Date.now());
    this.buckets.set(name, bucket);
    return { ...taken, spare };
  }

  override async alarm(): Promise<void> {
    const now = Date.now();
    this.sql.exec("DELETE FROM keys WHERE expires_at <= ?", now);
    const [next] = this.sql.exec<{ at: number | null }>("SELECT MIN(expires_at) AS at FROM keys").toArray();
    if (next?.at != null) await this.ctx.storage.setAlarm(next.at);
  }

  /** One alarm, at the earliest expiry; completed keys only move their expiry later, so it never needs pulling in. */
  private async armPruning(at: number): Promise<void> {
    const current = await this.ctx.storage.getAlarm();
    if (current === null || current > at) await this.ctx.storage.setAlarm(at);
  }
}
