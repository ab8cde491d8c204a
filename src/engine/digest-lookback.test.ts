import { describe, expect, it } from "vitest";
import { digestPlan } from "./digest";

const now = Date.parse("2026-01-31T10:00:00Z");
const minutes = (n: number) => n * 60_000;

describe("digestPlan: look-back window", () => {
  const controls = { amount: 1, unit: "hours", lookBackWindow: { amount: 5, unit: "minutes" } };

  it("sends at once when the key saw no event within the look-back window", () => {
    expect(digestPlan(controls, { now })).toEqual({ kind: "send-now" });
    expect(digestPlan(controls, { now, lastEventAt: now - minutes(6) })).toEqual({ kind: "send-now" });
  });

  it("starts digesting when an event arrived within the look-back window (boundary included)", () => {
    expect(digestPlan(controls, { now, lastEventAt: now - minutes(2) })).toEqual({
      kind: "open-window",
      closesAt: now + minutes(60),
    });
    expect(digestPlan(controls, { now, lastEventAt: now - minutes(5) }).kind).toBe("open-window");
  });

  it("checks the look-back before joining, as Novu does", () => {
    const openWindow = { closesAt: now + minutes(30) };
    expect(digestPlan(controls, { now, lastEventAt: now - minutes(1), openWindow }).kind).toBe("join-window");
    expect(digestPlan(controls, { now, lastEventAt: now - minutes(20), openWindow }).kind).toBe("send-now");
  });

  it("is invalid with a malformed look-back window", () => {
    expect(digestPlan({ ...controls, lookBackWindow: { amount: 5 } }, { now }).kind).toBe("invalid");
    expect(digestPlan({ ...controls, lookBackWindow: { amount: 0, unit: "minutes" } }, { now }).kind).toBe(
      "invalid",
    );
  });
});
