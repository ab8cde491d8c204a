import { describe, expect, it } from "vitest";
import { maxAttempts, onFailure, retryDelaySeconds } from "./retry-policy";

describe("retryDelaySeconds", () => {
  it("doubles per attempt within jitter bounds and caps at five minutes", () => {
    expect(retryDelaySeconds(1, undefined, () => 0)).toBe(1);
    expect(retryDelaySeconds(1, undefined, () => 1)).toBe(2);
    expect(retryDelaySeconds(4, undefined, () => 1)).toBe(16);
    expect(retryDelaySeconds(20, undefined, () => 1)).toBe(300);
  });

  it("never retries sooner than Retry-After", () => {
    expect(retryDelaySeconds(1, 30, () => 0)).toBe(30);
  });
});

describe("onFailure", () => {
  it("retries retryable failures until the last attempt, then falls back or fails", () => {
    expect(onFailure({ attempt: 1, retryable: true, hasFallback: true }).kind).toBe("retry");
    expect(onFailure({ attempt: maxAttempts, retryable: true, hasFallback: true })).toEqual({
      kind: "fallback",
    });
    expect(onFailure({ attempt: maxAttempts, retryable: true, hasFallback: false })).toEqual({
      kind: "fail",
    });
  });

  it("does not retry a permanent failure", () => {
    expect(onFailure({ attempt: 1, retryable: false, hasFallback: false })).toEqual({ kind: "fail" });
    expect(onFailure({ attempt: 1, retryable: false, hasFallback: true })).toEqual({ kind: "fallback" });
  });
});
