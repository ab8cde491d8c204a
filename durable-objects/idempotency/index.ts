export type { Claim, StoredResponse } from "./idempotency.types";
export { IdempotencyDO } from "./idempotency-do";
