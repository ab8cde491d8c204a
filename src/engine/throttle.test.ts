import { describe, expect, it } from "vitest";
import { throttleDecision, throttleKey, throttleOutput } from "./throttle";

const at = (iso: string) => Date.parse(iso);
const now = at("2026-01-31T10:00:00Z");
const minutes = (n: number) => n * 60_000;
const hourly = { type: "fixed", amount: 1, unit: "hours" };

describe("throttleDecision: fixed windows", () => {
  it("lets the first run through and opens a window", () => {
    expect(throttleDecision(hourly, { now, payload: {}, recentRunTimes: [] })).toEqual({
      allow: true,
      window: { start: now, end: now + minutes(60) },
      executionCount: 1,
      threshold: 1,
    });
  });

  it("throttles past the threshold (default 1) until the window ends", () => {
    const first = now - minutes(10);
    expect(throttleDecision(hourly, { now, payload: {}, recentRunTimes: [first] })).toEqual({
      allow: false,
      retryAt: first + minutes(60),
      window: { start: first, end: first + minutes(60) },
      executionCount: 1,
      threshold: 1,
    });
  });

  it("counts up to a custom threshold", () => {
    const controls = { ...hourly, threshold: 3 };
    const two = [now - minutes(30), now - minutes(20)];
    expect(throttleDecision(controls, { now, payload: {}, recentRunTimes: two })).toMatchObject({
      allow: true,
      executionCount: 3,
    });
    const three = [...two, now - minutes(1)];
    expect(throttleDecision(controls, { now, payload: {}, recentRunTimes: three })).toMatchObject({
      allow: false,
      executionCount: 3,
      retryAt: now + minutes(30),
    });
  });

  it("anchors windows at their first run instead of sliding", () => {
    // Threshold 2: runs at -70 and -20 min fill the window [-70, -10); a run at -5 started a new one.
    const controls = { ...hourly, threshold: 2 };
    const runs = [now - minutes(70), now - minutes(20), now - minutes(5)];
    // A sliding hour would hold two runs (-20, -5) and throttle; the fixed window holds one.
    expect(throttleDecision(controls, { now, payload: {}, recentRunTimes: runs })).toEqual({
      allow: true,
      window: { start: now - minutes(5), end: now + minutes(55) },
      executionCount: 2,
      threshold: 2,
    });
  });

  it("ignores expired windows and runs in the future", () => {
    const runs = [now - minutes(90), now + minutes(5)];
    expect(throttleDecision(hourly, { now, payload: {}, recentRunTimes: runs })).toMatchObject({
      allow: true,
      executionCount: 1,
    });
  });

  it("counts a month as 30 days", () => {
    const decision = throttleDecision(
      { amount: 1, unit: "months" },
      { now, payload: {}, recentRunTimes: [] },
    );
    expect(decision).toMatchObject({ window: { end: now + 30 * 86_400_000 } });
  });
});

describe("throttleKey", () => {
  it("groups by workflow, step and the throttleKey's payload value", () => {
    expect(throttleKey({ workflowId: "w", stepId: "t", payload: {} })).toBe("w:t:default:default");
    const payload = { account: { id: 7 } };
    expect(throttleKey({ workflowId: "w", stepId: "t", throttleKey: "payload.account.id", payload })).toBe(
      "w:t:payload.account.id:7",
    );
    expect(throttleKey({ workflowId: "w", stepId: "t", throttleKey: "account.id", payload: {} })).toBe(
      "w:t:account.id:",
    );
  });
});

describe("throttleOutput", () => {
  it("is Novu's throttle step result", () => {
    const decision = throttleDecision(hourly, { now, payload: {}, recentRunTimes: [now - minutes(1)] });
    expect(throttleOutput(decision)).toEqual({
      throttled: true,
      executionCount: 1,
      threshold: 1,
      windowStart: new Date(now - minutes(1)).toISOString(),
    });
    expect(throttleOutput({ allow: true, warning: "x" })).toEqual({ throttled: false });
  });
});
