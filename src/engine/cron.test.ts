import { describe, expect, it } from "vitest";
import { isTimeZone, nextCronFire } from "./cron";

const at = (iso: string) => Date.parse(iso);

describe("nextCronFire", () => {
  it("keeps local wall-clock time across a DST change in the subscriber's zone", () => {
    // New York springs forward on 2025-03-09: 09:00 local is 14:00Z the day before, 13:00Z after.
    expect(nextCronFire("0 9 * * *", at("2025-03-08T12:00:00Z"), "America/New_York")).toEqual({
      ok: true,
      value: at("2025-03-08T14:00:00Z"),
    });
    expect(nextCronFire("0 9 * * *", at("2025-03-09T12:00:00Z"), "America/New_York")).toEqual({
      ok: true,
      value: at("2025-03-09T13:00:00Z"),
    });
  });

  it("fires a local time skipped by spring-forward at the next valid instant, and a repeated one once", () => {
    // 02:30 does not exist in New York on 2025-03-09; 03:00 EDT (07:00Z) is the next valid instant.
    expect(nextCronFire("30 2 * * *", at("2025-03-09T05:00:00Z"), "America/New_York")).toEqual({
      ok: true,
      value: at("2025-03-09T07:00:00Z"),
    });
    // 01:30 happens twice on 2025-11-02 (EDT then EST): the schedule fires at the first and then the next day.
    expect(nextCronFire("30 1 * * *", at("2025-11-02T04:00:00Z"), "America/New_York")).toEqual({
      ok: true,
      value: at("2025-11-02T05:30:00Z"),
    });
    expect(nextCronFire("30 1 * * *", at("2025-11-02T05:31:00Z"), "America/New_York")).toEqual({
      ok: true,
      value: at("2025-11-03T06:30:00Z"),
    });
  });

  it("is strictly after now", () => {
    expect(nextCronFire("0 9 * * *", at("2026-01-01T09:00:00Z"))).toEqual({
      ok: true,
      value: at("2026-01-02T09:00:00Z"),
    });
  });

  it("uses UTC without a zone or with an unknown one", () => {
    const expected = { ok: true, value: at("2026-01-01T09:00:00Z") };
    expect(nextCronFire("0 9 * * *", at("2026-01-01T00:00:00Z"))).toEqual(expected);
    expect(nextCronFire("0 9 * * *", at("2026-01-01T00:00:00Z"), null)).toEqual(expected);
    expect(nextCronFire("0 9 * * *", at("2026-01-01T00:00:00Z"), "Mars/Olympus")).toEqual(expected);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
    expect(isTimeZone("Asia/Kolkata")).toBe(true);
  });

  it("reports bad expressions as values", () => {
    expect(nextCronFire("not a cron", 0)).toMatchObject({
      ok: false,
      reason: expect.stringContaining("Invalid cron"),
    });
    expect(nextCronFire("", 0)).toMatchObject({ ok: false, reason: "A cron expression is required" });
    expect(nextCronFire(undefined, 0).ok).toBe(false);
    expect(nextCronFire("0 0 31 2 *", 0)).toMatchObject({
      ok: false,
      reason: expect.stringContaining("never fires"),
    });
  });
});
