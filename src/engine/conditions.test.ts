import { describe, expect, it } from "vitest";
import { type ConditionData, shouldSkip } from "./conditions";

const data: ConditionData = {
  subscriber: {
    subscriberId: "s1",
    email: "ada@example.com",
    data: { plan: "pro", goalReminderInAppAllowed: false },
  },
  payload: { tier: "pro", amount: 5, tags: ["billing"] },
  steps: {
    "in-app-step": { seen: true, read: false, lastSeenDate: "2026-01-01T00:00:00Z", lastReadDate: null },
  },
};

describe("shouldSkip", () => {
  it("never skips without a rule, or with the empty rule the dashboard saves", () => {
    expect(shouldSkip(undefined, data)).toEqual({ ok: true, skip: false });
    expect(shouldSkip(null, data)).toEqual({ ok: true, skip: false });
    expect(shouldSkip({}, data)).toEqual({ ok: true, skip: false });
  });

  it("takes a literal boolean as the answer", () => {
    expect(shouldSkip(true, data)).toEqual({ ok: true, skip: true });
    expect(shouldSkip(false, data)).toEqual({ ok: true, skip: false });
  });

  it("evaluates payload, subscriber and earlier steps' state", () => {
    const rule = {
      and: [
        { "==": [{ var: "payload.tier" }, "pro"] },
        { "==": [{ var: "subscriber.data.plan" }, "pro"] },
        { ">": [{ var: "payload.amount" }, 4] },
      ],
    };
    expect(shouldSkip(rule, data)).toEqual({ ok: true, skip: true });
    expect(shouldSkip({ "==": [{ var: "steps.in-app-step.read" }, true] }, data)).toEqual({
      ok: true,
      skip: false,
    });
    expect(shouldSkip({ "==": [{ var: "steps.in-app-step.seen" }, true] }, data)).toEqual({
      ok: true,
      skip: true,
    });
    expect(shouldSkip({ "===": [{ var: "subscriber.data.goalReminderInAppAllowed" }, false] }, data)).toEqual(
      {
        ok: true,
        skip: true,
      },
    );
    expect(shouldSkip({ in: ["billing", { var: "payload.tags" }] }, data)).toEqual({ ok: true, skip: true });
  });

  it("treats missing variables as absent, and empty arrays as falsy (JSONLogic truthiness)", () => {
    expect(shouldSkip({ var: "payload.nothing" }, data)).toEqual({ ok: true, skip: false });
    expect(shouldSkip({ "!!": [{ var: "steps.other-step.read" }] }, data)).toEqual({ ok: true, skip: false });
    expect(shouldSkip({ var: "payload.empty" }, { ...data, payload: { empty: [] } })).toEqual({
      ok: true,
      skip: false,
    });
  });

  it("supports the startsWith / endsWith operations of the dashboard's query builder", () => {
    expect(shouldSkip({ endsWith: [{ var: "subscriber.email" }, "@example.com"] }, data)).toEqual({
      ok: true,
      skip: true,
    });
    expect(shouldSkip({ startsWith: [{ var: "subscriber.email" }, "bob"] }, data)).toEqual({
      ok: true,
      skip: false,
    });
    expect(shouldSkip({ startsWith: [{ var: "payload.amount" }, "5"] }, data)).toEqual({
      ok: true,
      skip: false,
    });
  });

  it("returns invalid rules as errors instead of throwing", () => {
    expect(shouldSkip({ frobnicate: [1, 2] }, data)).toMatchObject({
      ok: false,
      error: expect.stringContaining("Unrecognized operation frobnicate"),
    });
    expect(shouldSkip({ "==": [1, 1], "!=": [1, 2] }, data)).toMatchObject({ ok: false });
    expect(shouldSkip("payload.tier", data)).toMatchObject({ ok: false });
    expect(shouldSkip([{ "==": [1, 1] }], data)).toMatchObject({ ok: false });
    expect(shouldSkip(1, data)).toMatchObject({ ok: false });
  });
});
