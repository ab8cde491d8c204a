/**
 * Sends per integration before giving up on it: every delivery the queue allows (`max_retries = 8` in wrangler.toml
 * is 9 deliveries), so the consumer, not the queue, decides the end and records why. Against a provider failing 20%
 * of requests at random that loses 0.2^9 ≈ 5 in 10 million messages (0.2^6, the former limit, lost 6 in 100,000).
 */
export const maxAttempts = 9;

const capSeconds = 300;

/**
 * Exponential backoff with jitter (base 2 s: about 2 s, 4 s, 8 s … capped at 5 min), never sooner than the
 * provider's `Retry-After`. `random` is injectable so the maths can be tested.
 */
export function retryDelaySeconds(
  attempt: number,
  retryAfterSeconds?: number,
  random: () => number = Math.random,
  baseSeconds = 2,
): number {
  const ceiling = Math.min(capSeconds, baseSeconds * 2 ** Math.max(0, attempt - 1));
  const jittered = Math.ceil(ceiling / 2 + random() * (ceiling / 2));
  return Math.min(capSeconds * 2, Math.max(jittered, Math.ceil(retryAfterSeconds ?? 0)));
}

export type FailureDecision =
  | { kind: "retry"; delaySeconds: number }
  | { kind: "fallback" }
  | { kind: "fail" };

/** What to do after a failed send: retry the same integration, move to the fallback, or record the failure. */
export function onFailure(input: {
  attempt: number;
  retryable: boolean;
  retryAfterSeconds?: number;
  hasFallback: boolean;
  baseSeconds?: number;
}): FailureDecision {
  if (input.retryable && input.attempt < maxAttempts) {
    const delaySeconds = retryDelaySeconds(
      input.attempt,
      input.retryAfterSeconds,
      Math.random,
      input.baseSeconds,
    );
    return { kind: "retry", delaySeconds };
  }
  return input.hasFallback ? { kind: "fallback" } : { kind: "fail" };
}
