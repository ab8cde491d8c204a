export type { Claim, StoredResponse } from "./idempotency.types";
export { IdempotencyDO } from "./idempotency-do";
export type { BucketPolicy, Leased, LeaseRequest, Taken } from "./token-bucket";
