import { describe, expect, it } from "vitest";
import { digestKeyValue, digestOutput, digestPlan } from "./digest";

const at = (iso: string) => Date.parse(iso);
const now = at("2026-01-31T10:00:00Z");
const minutes = (n: number) => n * 60_000;

describe("digestKeyValue", () => {
  const payload = { ticket: { id: 42, tags: ["a"] }, name: "Alice", empty: null };

  it("reads a payload path, with or without the payload. prefix, as a string", () => {
    expect(digestKeyValue("payload.ticket.id", payload)).toBe("42");
    expect(digestKeyValue("ticket.id", payload)).toBe("42");
    expect(digestKeyValue("{{ payload.name }}", payload)).toBe("Alice");
    expect(digestKeyValue("payload.ticket.tags", payload)).toBe('["a"]');
  });

  it("is the single group '' without a key or a value", () => {
    expect(digestKeyValue(undefined, payload)).toBe("");
    expect(digestKeyValue("", payload)).toBe("");
    expect(digestKeyValue("payload.missing", payload)).toBe("");
    expect(digestKeyValue("payload.empty", payload)).toBe("");
    expect(digestKeyValue("payload.name.__proto__", payload)).toBe("");
  });
});

describe("digestPlan: regular", () => {
  const controls = { type: "regular", amount: 30, unit: "minutes" };

  it("opens a window of amount·unit from the first event", () => {
    expect(digestPlan(controls, { now })).toEqual({ kind: "open-window", closesAt: now + minutes(30) });
    expect(digestPlan({ amount: 1, unit: "months" }, { now })).toEqual({
      kind: "open-window",
      closesAt: at("2026-02-28T10:00:00Z"),
    });
  });

  it("joins an open window without extending it", () => {
    const closesAt = now + minutes(5);
    expect(digestPlan(controls, { now, openWindow: { closesAt } })).toEqual({
      kind: "join-window",
      closesAt,
    });
  });

  it("is invalid without a positive amount and a unit", () => {
    expect(digestPlan({ amount: 0, unit: "minutes" }, { now }).kind).toBe("invalid");
    expect(digestPlan({ amount: 5 }, { now }).kind).toBe("invalid");
    expect(digestPlan({}, { now }).kind).toBe("invalid");
    expect(digestPlan({ type: "weekly", amount: 1, unit: "days" }, { now }).kind).toBe("invalid");
  });
});

describe("digestPlan: timed", () => {
  it("closes the window at the cron's next fire in the subscriber's zone", () => {
    expect(
      digestPlan({ type: "timed", cron: "0 9 * * *" }, { now, subscriberTimezone: "Europe/Paris" }),
    ).toEqual({
      kind: "open-window",
      closesAt: at("2026-02-01T08:00:00Z"),
    });
    expect(digestPlan({ cron: "0 0 * * 1" }, { now })).toEqual({
      kind: "open-window",
      closesAt: at("2026-02-02T00:00:00Z"),
    });
  });

  it("joins an open window, and reports an invalid cron", () => {
    const closesAt = at("2026-02-01T08:00:00Z");
    expect(digestPlan({ cron: "0 9 * * *" }, { now, openWindow: { closesAt } }).kind).toBe("join-window");
    expect(digestPlan({ type: "timed", cron: "whenever" }, { now })).toMatchObject({ kind: "invalid" });
  });
});

describe("digestOutput", () => {
  it("is empty for no events", () => {
    expect(digestOutput([])).toEqual({ events: [], eventCount: 0 });
  });

  it("lists events oldest first with ISO times, keeping collection order on ties", () => {
    const output = digestOutput([
      { id: "b", time: at("2026-01-31T10:05:00Z"), payload: { name: "Bob" } },
      { id: "a", time: "2026-01-31T10:00:00.000Z", payload: { name: "Alice" } },
      { id: "c", time: at("2026-01-31T10:05:00Z"), payload: { name: "Carol" } },
    ]);
    expect(output.eventCount).toBe(3);
    expect(output.events).toEqual([
      { id: "a", time: "2026-01-31T10:00:00.000Z", payload: { name: "Alice" } },
      { id: "b", time: "2026-01-31T10:05:00.000Z", payload: { name: "Bob" } },
      { id: "c", time: "2026-01-31T10:05:00.000Z", payload: { name: "Carol" } },
    ]);
  });
});
