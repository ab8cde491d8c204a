import { describe, expect, it } from "vitest";
import { throttleDecision } from "./throttle";

const at = (iso: string) => Date.parse(iso);
const now = at("2026-01-31T10:00:00Z");
const minutes = (n: number) => n * 60_000;
const hourly = { type: "fixed", amount: 1, unit: "hours" };

describe("throttleDecision: dynamic windows", () => {
  it("reads a duration from the payload", () => {
    const controls = { type: "dynamic", dynamicKey: "payload.window" };
    const payload = { window: { amount: 15, unit: "minutes" } };
    expect(throttleDecision(controls, { now, payload, recentRunTimes: [] })).toMatchObject({
      allow: true,
      window: { start: now, end: now + minutes(15) },
    });
  });

  it("ends the window at an ISO date from the payload", () => {
    const controls = { type: "dynamic", dynamicKey: "periodEnd" };
    const payload = { periodEnd: "2026-02-28T00:00:00Z" };
    const earlier = now - minutes(60 * 24 * 10);
    expect(throttleDecision(controls, { now, payload, recentRunTimes: [earlier] })).toEqual({
      allow: false,
      retryAt: at("2026-02-28T00:00:00Z"),
      window: { start: earlier, end: at("2026-02-28T00:00:00Z") },
      executionCount: 1,
      threshold: 1,
    });
  });

  it("fails for a date in the past, as Novu does", () => {
    const controls = { type: "dynamic", dynamicKey: "periodEnd" };
    expect(
      throttleDecision(controls, { now, payload: { periodEnd: "2026-01-01T00:00:00Z" }, recentRunTimes: [] }),
    ).toEqual({
      allow: false,
      error: "Dynamic throttle must be in the future",
    });
  });
});

describe("throttleDecision: misconfiguration lets the run through, as Novu does", () => {
  it.each([
    [{ type: "fixed" }],
    [{ type: "fixed", amount: 1, unit: "years" }],
    [{ type: "dynamic" }],
    [{ type: "dynamic", dynamicKey: "missing" }],
    [{ type: "dynamic", dynamicKey: "bad" }],
    [{ type: "rolling", amount: 1, unit: "hours" }],
    [{ ...hourly, threshold: 0 }],
    [{ ...hourly, threshold: "2" }],
  ])("%j", (controls) => {
    const decision = throttleDecision(controls, { now, payload: { bad: "soon" }, recentRunTimes: [now - 1] });
    expect(decision).toMatchObject({ allow: true, warning: expect.any(String) });
  });
});
