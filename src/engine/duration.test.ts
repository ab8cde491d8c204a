import { describe, expect, it } from "vitest";
import { addUnits, checkDuration, parseDuration, parseIsoDate, toMs } from "./duration";

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

describe("toMs", () => {
  it("converts each unit, months as Novu's 30 days", () => {
    expect(toMs(2, "seconds")).toEqual({ ok: true, value: 2_000 });
    expect(toMs(3, "minutes")).toEqual({ ok: true, value: 180_000 });
    expect(toMs(1, "hours")).toEqual({ ok: true, value: 3_600_000 });
    expect(toMs(1, "days")).toEqual({ ok: true, value: 86_400_000 });
    expect(toMs(2, "weeks")).toEqual({ ok: true, value: 1_209_600_000 });
    expect(toMs(1, "months")).toEqual({ ok: true, value: 30 * 86_400_000 });
    expect(toMs(0, "hours")).toEqual({ ok: true, value: 0 });
  });

  it("returns validation errors as values", () => {
    expect(toMs(1, "fortnights")).toMatchObject({
      ok: false,
      reason: expect.stringContaining("Invalid time unit"),
    });
    expect(toMs(-1, "hours")).toMatchObject({ ok: false, reason: expect.stringContaining("negative") });
    expect(toMs("5", "hours")).toMatchObject({
      ok: false,
      reason: expect.stringContaining("expected a number"),
    });
    expect(toMs(Number.NaN, "hours").ok).toBe(false);
    expect(toMs(Number.POSITIVE_INFINITY, "hours").ok).toBe(false);
    expect(toMs(1.5, "months")).toMatchObject({ ok: false, reason: expect.stringContaining("whole number") });
    expect(toMs(1.5, "hours")).toEqual({ ok: true, value: 5_400_000 });
  });
});

describe("addUnits", () => {
  it("adds calendar months, clamping to the last day of shorter months", () => {
    expect(iso(addUnits(at("2026-01-31T10:15:00Z"), 1, "months"))).toBe("2026-02-28T10:15:00.000Z");
    expect(iso(addUnits(at("2028-01-31T10:15:00Z"), 1, "months"))).toBe("2028-02-29T10:15:00.000Z");
    expect(iso(addUnits(at("2026-08-31T00:00:00Z"), 1, "months"))).toBe("2026-09-30T00:00:00.000Z");
    expect(iso(addUnits(at("2026-12-31T23:59:59Z"), 2, "months"))).toBe("2027-02-28T23:59:59.000Z");
    expect(iso(addUnits(at("2026-03-31T08:00:00Z"), -1, "months"))).toBe("2026-02-28T08:00:00.000Z");
    expect(iso(addUnits(at("2026-01-15T08:00:00Z"), 12, "months"))).toBe("2027-01-15T08:00:00.000Z");
  });

  it("adds fixed spans for the other units", () => {
    const start = at("2026-03-28T12:00:00Z");
    expect(addUnits(start, 90, "seconds")).toBe(start + 90_000);
    expect(addUnits(start, 1, "days")).toBe(start + 86_400_000);
    expect(addUnits(start, 1, "weeks")).toBe(start + 604_800_000);
    expect(addUnits(start, -2, "hours")).toBe(start - 7_200_000);
  });
});

describe("parseDuration", () => {
  it("reads an {amount, unit} object", () => {
    expect(parseDuration({ amount: 2, unit: "days" })).toEqual({
      ok: true,
      value: { amount: 2, unit: "days" },
    });
    expect(checkDuration(5, "minutes")).toEqual({ ok: true, value: { amount: 5, unit: "minutes" } });
  });

  it("rejects other shapes", () => {
    expect(parseDuration(null).ok).toBe(false);
    expect(parseDuration("2 days").ok).toBe(false);
    expect(parseDuration({ amount: 2 }).ok).toBe(false);
    expect(parseDuration({ amount: 2, unit: "years" }).ok).toBe(false);
  });
});

describe("parseIsoDate", () => {
  it("parses full ISO-8601 timestamps, treating a missing zone as UTC", () => {
    expect(parseIsoDate("2026-05-01T09:30:00Z")).toBe(at("2026-05-01T09:30:00Z"));
    expect(parseIsoDate("2026-05-01T09:30:00.250Z")).toBe(at("2026-05-01T09:30:00.250Z"));
    expect(parseIsoDate("2026-05-01T09:30:00")).toBe(at("2026-05-01T09:30:00Z"));
    expect(parseIsoDate("2026-05-01T09:30:00+02:00")).toBe(at("2026-05-01T07:30:00Z"));
    expect(parseIsoDate("2028-02-29T00:00:00Z")).toBe(at("2028-02-29T00:00:00Z"));
  });

  it("rejects impossible dates and other formats", () => {
    expect(parseIsoDate("2026-02-30T00:00:00Z")).toBeUndefined();
    expect(parseIsoDate("2026-02-29T00:00:00Z")).toBeUndefined();
    expect(parseIsoDate("2026-13-01T00:00:00Z")).toBeUndefined();
    expect(parseIsoDate("2026-05-01T25:00:00Z")).toBeUndefined();
    expect(parseIsoDate("2026-05-01T10:00:60Z")).toBeUndefined();
    expect(parseIsoDate("2026-05-01")).toBeUndefined();
    expect(parseIsoDate("tomorrow")).toBeUndefined();
    expect(parseIsoDate("20-09-2025")).toBeUndefined();
  });
});
