import { describe, expect, it } from "vitest";
import { resumeAt } from "./delay";

const at = (iso: string) => Date.parse(iso);
const now = at("2026-01-31T10:00:00Z");
const context = (payload: unknown = {}, subscriberTimezone?: string | null) => ({
  now,
  payload,
  subscriberTimezone,
});

describe("resumeAt: regular", () => {
  it("waits amount·unit from now, with calendar months", () => {
    expect(resumeAt({ type: "regular", amount: 30, unit: "minutes" }, context())).toEqual({
      ok: true,
      at: now + 30 * 60_000,
    });
    expect(resumeAt({ amount: 1, unit: "months" }, context())).toEqual({
      ok: true,
      at: at("2026-02-28T10:00:00Z"),
    });
    expect(resumeAt({ amount: 0, unit: "seconds" }, context())).toEqual({ ok: true, at: now });
  });

  it("fails without a valid amount and unit", () => {
    expect(resumeAt({ type: "regular", amount: 5 }, context())).toMatchObject({
      ok: false,
      reason: expect.stringContaining("Invalid time unit"),
    });
    expect(resumeAt({ amount: -1, unit: "hours" }, context()).ok).toBe(false);
    expect(resumeAt({}, context()).ok).toBe(false);
    expect(resumeAt({ type: "sometimes", amount: 1, unit: "hours" }, context())).toEqual({
      ok: false,
      reason: "Unknown delay type 'sometimes'",
    });
  });
});

describe("resumeAt: timed", () => {
  it("resumes at the cron's next fire in the subscriber's time zone", () => {
    // 09:00 in Kolkata (UTC+05:30) on the next day: 03:30Z on Feb 1.
    expect(resumeAt({ type: "timed", cron: "0 9 * * *" }, context({}, "Asia/Kolkata"))).toEqual({
      ok: true,
      at: at("2026-02-01T03:30:00Z"),
    });
    // Without a zone, UTC: 09:00 already passed today (10:00Z), so tomorrow 09:00Z.
    expect(resumeAt({ cron: "0 9 * * *" }, context())).toEqual({ ok: true, at: at("2026-02-01T09:00:00Z") });
  });

  it("fails on a missing or invalid cron", () => {
    expect(resumeAt({ type: "timed" }, context()).ok).toBe(false);
    expect(resumeAt({ type: "timed", cron: "every day" }, context())).toMatchObject({
      ok: false,
      reason: expect.stringContaining("Invalid cron expression"),
    });
  });
});

describe("resumeAt: scheduled (until a date)", () => {
  it("waits until the date in the payload field named by delayPath", () => {
    expect(
      resumeAt({ type: "scheduled", delayPath: "sendAt" }, context({ sendAt: "2026-03-01T12:00:00Z" })),
    ).toEqual({
      ok: true,
      at: at("2026-03-01T12:00:00Z"),
    });
    // A flat key containing a dot is read as it is first, as Novu's payload[delayPath].
    expect(resumeAt({ delayPath: "send.at" }, context({ "send.at": "2026-03-01T12:00:00Z" }))).toEqual({
      ok: true,
      at: at("2026-03-01T12:00:00Z"),
    });
  });

  it("fails for a past, invalid or missing date", () => {
    const controls = { type: "scheduled", delayPath: "sendAt" };
    expect(resumeAt(controls, context({ sendAt: "2025-01-01T00:00:00Z" }))).toEqual({
      ok: false,
      reason: "Delay date at path must be a future date",
    });
    expect(resumeAt(controls, context({ sendAt: "soon" })).ok).toBe(false);
    expect(resumeAt(controls, context({})).ok).toBe(false);
    expect(resumeAt({ type: "scheduled" }, context({})).ok).toBe(false);
  });
});
