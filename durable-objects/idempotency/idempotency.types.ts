/** A response worth replaying: what the client saw, byte for byte, minus per-request headers. */
export type StoredResponse = { status: number; body: string; contentType: string | null };

/**
 * The answer to a claim: run the request (`fresh`), answer with the first one's response (`replay`), or refuse
 * because the first is still running (`conflict`) or carried a different request (`mismatch`).
 */
export type Claim =
  | { kind: "fresh" }
  | { kind: "replay"; response: StoredResponse }
  | { kind: "conflict" }
  | { kind: "mismatch" };
