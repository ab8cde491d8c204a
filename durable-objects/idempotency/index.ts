export type { Claim, StoredResponse } from "./idempotency.types";
export { IdempotencyDO } from "./idempotency-do";
export type { BucketPolicy, Taken } from "./token-bucket";
