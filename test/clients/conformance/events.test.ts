// Events through @novu/api: trigger (every recipient form), bulk, broadcast and cancel, with Novu's typed results.
import type { Novu } from "@novu/api";
import { describe, expect, it, vi } from "vitest";
import {
  development,
  expectRawInvalid,
  inAppWorkflow,
  isolatedEnvironment,
  production,
  raw,
  rejection,
  uniqueId,
} from "./helpers";

const run = uniqueId("events");
const workflowId = `${run}-wf`;
const delayedId = `${run}-delayed`;

async function feedBodies(novu: Novu, subscriberId: string) {
  const { result } = await novu.subscribers.notifications.list({ subscriberId });
  return result.data.map((n) => n.body).sort();
}

describe("events", () => {
  it("triggers to a subscriberId, an inline subscriber, a topic and an array", async () => {
    await inAppWorkflow(development, workflowId);
    await development.subscribers.create({ subscriberId: `${run}-a`, firstName: "A" });
    await development.topics.create({ key: `${run}-topic`, name: "Topic" });
    await development.topics.subscriptions.create({ subscriptions: [`${run}-a`] }, `${run}-topic`);

    const byId = await development.trigger({ workflowId, to: `${run}-a`, payload: { message: "one" } });
    expect(byId.result).toMatchObject({ acknowledged: true, status: "processed" });
    expect(byId.result.transactionId).toEqual(expect.any(String));

    const inline = await development.trigger({
      workflowId,
      to: { subscriberId: `${run}-b`, firstName: "Bea", email: `${run}-b@example.com` },
      payload: { message: "two" },
      transactionId: `${run}-tx`,
    });
    expect(inline.result).toMatchObject({
      acknowledged: true,
      status: "processed",
      transactionId: `${run}-tx`,
    });
    expect((await development.subscribers.retrieve(`${run}-b`)).result).toMatchObject({
      firstName: "Bea",
      email: `${run}-b@example.com`,
    });

    const toTopic = await development.trigger({
      workflowId,
      to: { type: "Topic", topicKey: `${run}-topic` },
      payload: { message: "three" },
    });
    expect(toTopic.result).toMatchObject({ acknowledged: true, status: "processed" });

    const many = await development.trigger({
      workflowId,
      to: [`${run}-a`, { subscriberId: `${run}-c`, lastName: "Cee" }],
      payload: { message: "four" },
    });
    expect(many.result.status).toBe("processed");

    await vi.waitFor(
      async () => expect(await feedBodies(development, `${run}-a`)).toEqual(["four", "one", "three"]),
      {
        timeout: 10_000,
        interval: 200,
      },
    );
    expect(await feedBodies(development, `${run}-b`)).toEqual(["two"]);
  });

  it("bulk-triggers with one result per event", async () => {
    const bulk = await development.triggerBulk({
      events: [
        { workflowId, to: `${run}-bulk-1`, payload: { message: "b1" } },
        { workflowId, to: `${run}-bulk-2`, payload: { message: "b2" }, transactionId: `${run}-bulk-tx` },
      ],
    });
    expect(bulk.result).toHaveLength(2);
    expect(bulk.result[0]).toMatchObject({ acknowledged: true, status: "processed" });
    expect(bulk.result[1]).toMatchObject({
      acknowledged: true,
      status: "processed",
      transactionId: `${run}-bulk-tx`,
    });
    await vi.waitFor(async () => expect(await feedBodies(development, `${run}-bulk-2`)).toEqual(["b2"]), {
      timeout: 10_000,
      interval: 200,
    });
  });

  // A broadcast reaches every subscriber of the environment, so it runs in an environment of its own rather than in
  // the development environment other client suites share.
  it("broadcasts to every subscriber of an environment", async () => {
    const environment = await isolatedEnvironment(run);
    const isolated = environment.novu;
    try {
      await inAppWorkflow(isolated, workflowId);
      for (const id of ["x", "y"]) await isolated.subscribers.create({ subscriberId: `${run}-${id}` });
      const sent = await isolated.triggerBroadcast({ name: workflowId, payload: { message: "all" } });
      expect(sent.result).toMatchObject({ acknowledged: true, status: "processed" });
      expect(sent.result.transactionId).toEqual(expect.any(String));
      await vi.waitFor(
        async () => {
          expect(await feedBodies(isolated, `${run}-x`)).toEqual(["all"]);
          expect(await feedBodies(isolated, `${run}-y`)).toEqual(["all"]);
        },
        { timeout: 15_000, interval: 300 },
      );
    } finally {
      await environment.remove();
    }
  });

  it("cancels a delayed trigger by transactionId, once", async () => {
    await development.workflows.create({
      name: "Delayed",
      workflowId: delayedId,
      active: true,
      steps: [
        { name: "Wait", type: "delay", controlValues: { type: "regular", amount: 1, unit: "hours" } },
        { name: "Inbox", type: "in_app", controlValues: { body: "late" } },
      ],
    });
    const transactionId = `${run}-cancel`;
    await development.trigger({ workflowId: delayedId, to: `${run}-d`, transactionId });
    // The other environment cannot cancel it.
    expect((await production.cancel(transactionId)).result).toBe(false);
    await vi.waitFor(async () => expect((await development.cancel(transactionId)).result).toBe(true), {
      timeout: 10_000,
      interval: 200,
    });
    expect((await development.cancel(transactionId)).result).toBe(false);
  });

  it("refuses bad input in Novu's error shape", async () => {
    // Wrong type: `to` must be a subscriber, a topic or a list of them.
    await expectRawInvalid("/v1/events/trigger", { body: { name: workflowId, to: 42 } });
    // Missing field: no recipients.
    await expectRawInvalid("/v1/events/trigger", { body: { name: workflowId } });
    await expectRawInvalid("/v1/events/trigger/bulk", { body: { events: "nope" } });
    await expectRawInvalid("/v1/events/trigger/broadcast", { body: { payload: {} } });
    // Oversized payload: Novu's 413.
    const big = await raw("/v1/events/trigger", {
      body: { name: workflowId, to: `${run}-a`, payload: { blob: "x".repeat(600 * 1024) } },
    });
    expect(big.status).toBe(413);
    expect(big.body).toMatchObject({ statusCode: 413 });
    // Unknown workflow: Novu answers 422 for a trigger of a workflow that does not exist.
    const unknown = await rejection(development.trigger({ workflowId: `${run}-missing`, to: `${run}-a` }));
    expect(unknown.statusCode).toBe(422);
    // Cross-environment: the production key does not know the development workflow.
    const foreign = await rejection(production.trigger({ workflowId, to: `${run}-a` }));
    expect(foreign.statusCode).toBe(422);
  });
});
