import { describe, expect, it } from "vitest";
import { evaluateSkip } from "./skip-condition";
import { addUnits, delayResumeAt, digestDecision, digestGroup, nextCronFire, throttleAllows } from "./timing";

const at = (iso: string) => Date.parse(iso);

describe("addUnits", () => {
  it("adds calendar months, clamping to the month's last day", () => {
    expect(new Date(addUnits(at("2026-01-31T10:00:00Z"), 1, "months")).toISOString()).toBe(
      "2026-02-28T10:00:00.000Z",
    );
    expect(new Date(addUnits(at("2026-03-31T10:00:00Z"), -1, "months")).toISOString()).toBe(
      "2026-02-28T10:00:00.000Z",
    );
    expect(addUnits(0, 2, "hours")).toBe(7_200_000);
  });
});

describe("nextCronFire", () => {
  it("fires in the subscriber's time zone, across a DST change", () => {
    // Paris moves to summer time on 2026-03-29: 09:00 local is 07:00 UTC that day, 08:00 UTC the day before.
    expect(nextCronFire("0 9 * * *", at("2026-03-28T00:00:00Z"), "Europe/Paris")).toBe(
      at("2026-03-28T08:00:00Z"),
    );
    expect(nextCronFire("0 9 * * *", at("2026-03-29T00:00:00Z"), "Europe/Paris")).toBe(
      at("2026-03-29T07:00:00Z"),
    );
    expect(nextCronFire("not a cron", 0)).toBeUndefined();
  });
});

describe("delayResumeAt", () => {
  const now = at("2026-05-01T12:00:00Z");
  it("handles fixed, timed and dynamic delays", () => {
    expect(delayResumeAt({ amount: 5, unit: "minutes" }, { now, payload: {} })).toEqual({
      ok: true,
      at: now + 300_000,
    });
    expect(delayResumeAt({ type: "timed", cron: "0 13 * * *" }, { now, payload: {} })).toEqual({
      ok: true,
      at: at("2026-05-01T13:00:00Z"),
    });
    expect(
      delayResumeAt(
        { type: "dynamic", dynamicKey: "payload.sendAt" },
        { now, payload: { sendAt: "2026-05-02T00:00:00Z" } },
      ),
    ).toEqual({
      ok: true,
      at: at("2026-05-02T00:00:00Z"),
    });
    expect(
      delayResumeAt(
        { type: "dynamic", dynamicKey: "wait" },
        { now, payload: { wait: { amount: 1, unit: "days" } } },
      ),
    ).toEqual({
      ok: true,
      at: now + 86_400_000,
    });
  });

  it("resumes at once for a date in the past, and explains what is invalid", () => {
    expect(
      delayResumeAt({ type: "dynamic", dynamicKey: "d" }, { now, payload: { d: "2020-01-01T00:00:00Z" } }),
    ).toEqual({ ok: true, at: now });
    expect(delayResumeAt({ type: "dynamic", dynamicKey: "d" }, { now, payload: {} })).toMatchObject({
      ok: false,
    });
    expect(delayResumeAt({ amount: 5 }, { now, payload: {} })).toMatchObject({ ok: false });
  });
});

describe("digestDecision", () => {
  const now = 1_000_000_000;
  it("joins an open window, or opens one", () => {
    expect(digestDecision({ amount: 1, unit: "minutes" }, { now, openWindow: true })).toEqual({
      kind: "join",
    });
    expect(digestDecision({ amount: 1, unit: "minutes" }, { now, openWindow: false })).toEqual({
      kind: "open",
      closesAt: now + 60_000,
    });
  });

  it("sends at once when the look-back window was quiet", () => {
    const controls = {
      amount: 1,
      unit: "minutes" as const,
      lookBackWindow: { amount: 5, unit: "minutes" as const },
    };
    expect(digestDecision(controls, { now, openWindow: false })).toEqual({ kind: "send-now" });
    expect(digestDecision(controls, { now, openWindow: false, lastEventAt: now - 600_000 })).toEqual({
      kind: "send-now",
    });
    expect(digestDecision(controls, { now, openWindow: false, lastEventAt: now - 60_000 })).toEqual({
      kind: "open",
      closesAt: now + 60_000,
    });
  });

  it("groups by the digest key's value in the payload", () => {
    expect(digestGroup("w", "d", "payload.project.id", { project: { id: 7 } })).toBe("w:d:7");
    expect(digestGroup("w", "d", undefined, {})).toBe("w:d:");
  });
});

describe("throttleAllows", () => {
  it("lets through up to the threshold within the window", () => {
    const now = 10_000_000;
    const controls = { amount: 1, unit: "minutes" as const, threshold: 2 };
    expect(throttleAllows(controls, { now, recent: [now - 1_000] }).allow).toBe(true);
    expect(throttleAllows(controls, { now, recent: [now - 1_000, now - 2_000] }).allow).toBe(false);
    expect(throttleAllows(controls, { now, recent: [now - 120_000, now - 180_000] }).allow).toBe(true);
  });
});

describe("evaluateSkip", () => {
  it("evaluates JSONLogic and reports rules it cannot run", () => {
    expect(evaluateSkip({ "==": [{ var: "payload.vip" }, true] }, { payload: { vip: true } })).toEqual({
      skip: true,
    });
    expect(evaluateSkip(undefined, {})).toEqual({ skip: false });
    expect(evaluateSkip({ nope: [1] }, {})).toHaveProperty("error");
  });
});
