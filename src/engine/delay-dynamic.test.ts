import { describe, expect, it } from "vitest";
import { resumeAt } from "./delay";

const at = (iso: string) => Date.parse(iso);
const now = at("2026-01-31T10:00:00Z");
const context = (payload: unknown = {}) => ({ now, payload });

describe("resumeAt: dynamic", () => {
  it("resumes at an ISO date read from the payload", () => {
    const payload = { order: { shipAt: "2026-02-02T08:00:00Z" } };
    expect(resumeAt({ type: "dynamic", dynamicKey: "payload.order.shipAt" }, context(payload))).toEqual({
      ok: true,
      at: at("2026-02-02T08:00:00Z"),
    });
    // The `payload.` prefix is optional, and the type is implied by dynamicKey.
    expect(resumeAt({ dynamicKey: "order.shipAt" }, context(payload))).toEqual({
      ok: true,
      at: at("2026-02-02T08:00:00Z"),
    });
  });

  it("resumes after a duration object read from the payload", () => {
    const payload = { wait: { amount: 1, unit: "months" } };
    expect(resumeAt({ type: "dynamic", dynamicKey: "payload.wait" }, context(payload))).toEqual({
      ok: true,
      at: at("2026-02-28T10:00:00Z"),
    });
  });

  it("fails for a past (or present) date, as Novu does, instead of resuming at once", () => {
    const past = { when: "2026-01-30T00:00:00Z" };
    expect(resumeAt({ type: "dynamic", dynamicKey: "payload.when" }, context(past))).toEqual({
      ok: false,
      reason: "Dynamic delay must be in the future",
    });
    const present = { when: "2026-01-31T10:00:00Z" };
    expect(resumeAt({ type: "dynamic", dynamicKey: "payload.when" }, context(present)).ok).toBe(false);
    const zero = { when: { amount: 0, unit: "hours" } };
    expect(resumeAt({ type: "dynamic", dynamicKey: "payload.when" }, context(zero)).ok).toBe(false);
  });

  it("fails for a missing key or an unreadable value", () => {
    const controls = { type: "dynamic", dynamicKey: "payload.when" };
    expect(resumeAt(controls, context({}))).toEqual({
      ok: false,
      reason: "Dynamic delay key 'payload.when' not found in payload",
    });
    expect(resumeAt({ type: "dynamic" }, context({})).ok).toBe(false);
    expect(resumeAt(controls, context({ when: "next tuesday" }))).toMatchObject({
      ok: false,
      reason: expect.stringContaining("is not a valid format"),
    });
    expect(resumeAt(controls, context({ when: "2026-02-30T00:00:00Z" })).ok).toBe(false);
    expect(resumeAt(controls, context({ when: 1_800_000_000_000 })).ok).toBe(false);
    expect(resumeAt(controls, context({ when: { amount: -2, unit: "hours" } }))).toMatchObject({
      ok: false,
      reason: expect.stringContaining("in dynamic delay"),
    });
    expect(resumeAt(controls, context({ when: { amount: 2, unit: "eons" } }))).toMatchObject({
      ok: false,
      reason: expect.stringContaining("Invalid time unit 'eons'"),
    });
  });
});
