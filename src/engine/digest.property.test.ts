import { runDurableObjectAlarm } from "cloudflare:test";
import { env } from "cloudflare:workers";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { api, createTenant, openInbox } from "../../test/worker/fixtures";
import { type DigestControls, type DigestEvent, digestKeyValue, digestOutput, digestPlan } from "./digest";

/**
 * The digest invariant: every event that reaches a digest step is delivered in exactly one digest, with the events
 * of its key only. First over the pure decisions, driven by the same bookkeeping the subscriber's Durable Object
 * keeps (one open window per key, closed when its time comes); then end to end through the Durable Object itself.
 */

const start = Date.parse("2026-03-28T23:30:00Z"); // a DST change ahead, for the timed digests
const zones = fc.constantFrom(undefined, null, "UTC", "Europe/Paris", "America/New_York", "Asia/Kolkata");
const units = fc.constantFrom("seconds", "minutes", "hours", "days", "weeks", "months");
const regular = fc.record(
  { type: fc.constantFrom(undefined, "regular"), amount: fc.integer({ min: 1, max: 90 }), unit: units },
  { requiredKeys: ["amount", "unit"] },
);
const timed = fc.record({
  type: fc.constant("timed"),
  cron: fc.constantFrom("* * * * *", "*/5 * * * *", "0 9 * * *", "30 2 * * *", "0 0 1 * *", "0 9 * * 1-5"),
});
const controls: fc.Arbitrary<DigestControls> = fc
  .tuple(
    fc.oneof(regular, timed),
    fc.option(fc.record({ amount: fc.integer({ min: 1, max: 60 }), unit: units }), { nil: undefined }),
    fc.constantFrom(undefined, "payload.project", "{{ payload.project }}"),
  )
  .map(([window, lookBackWindow, digestKey]) => ({ ...window, lookBackWindow, digestKey }));

/** Events at non-decreasing times, some at the very same millisecond, some keys missing. */
const stream = fc.array(
  fc.record({
    gap: fc.oneof(
      fc.constant(0),
      fc.integer({ min: 1, max: 60_000 }),
      fc.integer({ min: 1, max: 3 * 86_400_000 }),
    ),
    project: fc.constantFrom("a", "b", "c", undefined),
  }),
  { minLength: 1, maxLength: 60 },
);

type Window = { closesAt: number; events: DigestEvent[] };
type Delivery = {
  group: string;
  at: number;
  closesAt?: number;
  events: ReturnType<typeof digestOutput>["events"];
};

function simulate(
  step: DigestControls,
  events: Array<{ gap: number; project?: string }>,
  zone?: string | null,
) {
  const open = new Map<string, Window>();
  const last = new Map<string, number>();
  const delivered: Delivery[] = [];
  const close = (group: string, window: Window, at: number) => {
    delivered.push({ group, at, closesAt: window.closesAt, events: digestOutput(window.events).events });
    open.delete(group);
  };
  let now = start;
  events.forEach(({ gap, project }, index) => {
    now += gap;
    // The object's alarm runs every window that is due before a later event is taken.
    for (const [group, window] of open) if (window.closesAt <= now) close(group, window, window.closesAt);
    const payload = project === undefined ? {} : { project };
    const group = digestKeyValue(step.digestKey, payload);
    const event: DigestEvent = { id: `e${index}`, time: now, payload };
    const window = open.get(group);
    const plan = digestPlan(step, {
      now,
      lastEventAt: last.get(group),
      openWindow: window,
      subscriberTimezone: zone,
    });
    last.set(group, now);
    switch (plan.kind) {
      case "send-now":
        delivered.push({ group, at: now, events: digestOutput([event]).events });
        break;
      case "join-window":
        expect(window, "joins only an open window").toBeDefined();
        expect(plan.closesAt, "joining never moves the window").toBe(window?.closesAt);
        window?.events.push(event);
        break;
      case "open-window":
        expect(window, "opens a window only where none is open").toBeUndefined();
        expect(plan.closesAt, "a window closes after the event that opens it").toBeGreaterThan(now);
        open.set(group, { closesAt: plan.closesAt, events: [event] });
        break;
      case "invalid":
        throw new Error(`valid controls planned as invalid: ${plan.reason}`);
    }
  });
  for (const [group, window] of open) close(group, window, window.closesAt);
  return delivered;
}

describe("digest invariant over the pure decisions", () => {
  it("delivers every event in exactly one digest, with its own key's events, oldest first", () => {
    fc.assert(
      fc.property(controls, stream, zones, (step, events, zone) => {
        const delivered = simulate(step, events, zone);
        const ids = delivered.flatMap((d) => d.events.map((e) => e.id));
        expect(ids.slice().sort()).toEqual(
          events
            .map((_, i) => `e${i}`)
            .slice()
            .sort(),
        );
        for (const delivery of delivered) {
          const groups = delivery.events.map((e) => digestKeyValue(step.digestKey, e.payload));
          expect(new Set(groups)).toEqual(new Set([delivery.group]));
          const times = delivery.events.map((e) => Date.parse(e.time));
          expect(times).toEqual(times.slice().sort((a, b) => a - b));
          // A window holds only events that came before it closed.
          if (delivery.closesAt !== undefined)
            for (const t of times) expect(t).toBeLessThan(delivery.closesAt);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("keeps every event of a digest's input in its output, even at equal or unreadable times", () => {
    const event = fc.record({
      id: fc.uuid(),
      time: fc.oneof(fc.integer({ min: 0, max: 4e12 }), fc.constant("not a date"), fc.constant(start)),
      payload: fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 })),
    });
    fc.assert(
      fc.property(fc.array(event, { maxLength: 30 }), (events) => {
        const output = digestOutput(events);
        expect(output.eventCount).toBe(events.length);
        expect(
          output.events
            .map((e) => e.id)
            .slice()
            .sort(),
        ).toEqual(
          events
            .map((e) => e.id)
            .slice()
            .sort(),
        );
      }),
    );
  });
});

describe("digest invariant through the subscriber's Durable Object", { timeout: 60_000 }, () => {
  /** Triggers as they arrive: a project key, a transactionId that may repeat, and sometimes a cancel. */
  const triggers = fc.array(
    fc.record({
      project: fc.constantFrom("a", "b", "c"),
      transaction: fc.integer({ min: 0, max: 11 }),
      cancel: fc.oneof(
        { weight: 4, arbitrary: fc.constant(false) },
        { weight: 1, arbitrary: fc.constant(true) },
      ),
    }),
    { minLength: 1, maxLength: 12 },
  );

  it("delivers each accepted, uncancelled transaction in exactly one digest", async () => {
    await fc.assert(
      fc.asyncProperty(triggers, fc.boolean(), async (stream, lookBack) => {
        const tenant = await createTenant();
        const server = api(tenant);
        const digest = { amount: 1, unit: "seconds", digestKey: "payload.project" };
        const created = await server("/v2/workflows", {
          method: "POST",
          body: {
            name: "Digest",
            workflowId: "digest",
            steps: [
              {
                name: "Digest",
                type: "digest",
                controlValues: lookBack
                  ? { ...digest, lookBackWindow: { amount: 1, unit: "minutes" } }
                  : digest,
              },
              {
                name: "Inbox",
                type: "in_app",
                controlValues: { body: "{% for e in steps.digest.events %}{{ e.payload.id }},{% endfor %}" },
              },
            ],
          },
        });
        expect(created.status).toBe(201);

        const expected = new Map<string, string>();
        const seen = new Set<string>();
        for (const { project, transaction, cancel } of stream) {
          const transactionId = `tx-${transaction}`;
          const res = await server("/v1/events/trigger", {
            method: "POST",
            body: { name: "digest", to: "ada", transactionId, payload: { project, id: transactionId } },
          });
          expect(res.status).toBe(201);
          // A repeated transactionId is a duplicate, even after its first run was cancelled.
          if (!seen.has(transactionId)) expected.set(transactionId, project);
          seen.add(transactionId);
          if (cancel) {
            const cancelled = await server(`/v1/events/trigger/${transactionId}`, { method: "DELETE" });
            const { data } = await cancelled.json<{ data: boolean }>();
            if (data) expected.delete(transactionId);
          }
        }

        await new Promise((resolve) => setTimeout(resolve, 1300));
        await runDurableObjectAlarm(env.SUBSCRIBER.getByName(`${tenant.environmentId}:ada`));
        const inbox = await openInbox(tenant, "ada");
        const list = await (await inbox.call("/v1/inbox/notifications?limit=100")).json<{
          data: Array<{ body: string }>;
        }>();
        const digests = list.data.map((n) => n.body.split(",").filter(Boolean));
        expect(digests.flat().slice().sort()).toEqual([...expected.keys()].slice().sort());
        for (const ids of digests) expect(new Set(ids.map((id) => expected.get(id))).size).toBe(1);
      }),
      { numRuns: 4 },
    );
  });
});
