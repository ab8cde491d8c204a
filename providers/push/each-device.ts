import { nowIso } from "../http";
import { ProviderError, type SendResult } from "../types";

/**
 * Sends to every device token at once. The send succeeds when any device accepted it (returning the first accepted
 * id) and fails only when all did, with a retryable error when any failure was transient so a retry is worthwhile.
 */
export async function sendToEachDevice(
  providerId: string,
  targets: string[],
  send: (target: string) => Promise<string>,
): Promise<SendResult> {
  if (targets.length === 0) {
    throw new ProviderError(`${providerId}: the subscriber has no device token`, {
      retryable: false,
      providerId,
    });
  }
  const results = await Promise.allSettled(targets.map(send));
  const sent = results.find((r): r is PromiseFulfilledResult<string> => r.status === "fulfilled");
  if (sent) return { id: sent.value, date: nowIso() };
  const errors = results.map((r) => (r as PromiseRejectedResult).reason as unknown);
  throw errors.find((e) => e instanceof ProviderError && e.details.retryable) ?? errors[0];
}
