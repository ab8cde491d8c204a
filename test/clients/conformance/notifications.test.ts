// Activity (notifications) through @novu/api: list with filters and pages, retrieve one with its jobs and execution
// details; then bad input, unknown ids and another environment's key.
import { describe, expect, it, vi } from "vitest";
import {
  development,
  expectNotFound,
  expectRawInvalid,
  inAppWorkflow,
  production,
  uniqueId,
} from "./helpers";

const run = uniqueId("activity");
const workflowId = `${run}-wf`;
const subscriberId = `${run}-sub`;

describe("notifications (activity)", () => {
  it("lists with filters and retrieves one with its jobs", async () => {
    const workflow = await inAppWorkflow(development, workflowId);
    await development.subscribers.create({ subscriberId, email: `${subscriberId}@example.com` });
    for (const n of [1, 2]) {
      await development.trigger({
        workflowId,
        to: subscriberId,
        payload: { message: `n${n}` },
        transactionId: `${run}-tx-${n}`,
      });
    }
    const listed = await vi.waitFor(
      async () => {
        const page = await development.notifications.list({
          subscriberIds: [subscriberId],
          page: 0,
          limit: 10,
        });
        expect(page.result.data).toHaveLength(2);
        expect(page.result.data.every((n) => (n.jobs ?? []).some((j) => j.status === "completed"))).toBe(
          true,
        );
        return page;
      },
      { timeout: 10_000, interval: 250 },
    );
    expect(listed.result).toMatchObject({ page: 0, pageSize: 10, hasMore: false });
    const [newest] = listed.result.data;
    expect(newest).toMatchObject({ transactionId: `${run}-tx-2`, channels: ["in_app"] });
    expect(newest?.subscriber).toMatchObject({ subscriberId });
    expect(newest?.template).toMatchObject({ name: workflow.name });

    const byTransaction = await development.notifications.list({ transactionId: `${run}-tx-1` });
    expect(byTransaction.result.data.map((n) => n.transactionId)).toEqual([`${run}-tx-1`]);
    const byTemplate = await development.notifications.list({ templates: [workflow.id] });
    expect(byTemplate.result.data).toHaveLength(2);
    const byChannel = await development.notifications.list({
      subscriberIds: [subscriberId],
      channels: ["email"],
    });
    expect(byChannel.result.data).toEqual([]);
    const byEmail = await development.notifications.list({ emails: [`${subscriberId}@example.com`] });
    expect(byEmail.result.data).toHaveLength(2);
    const paged = await development.notifications.list({ subscriberIds: [subscriberId], limit: 1 });
    expect(paged.result).toMatchObject({ hasMore: true, pageSize: 1 });

    const one = await development.notifications.retrieve(newest?.id ?? "");
    expect(one.result).toMatchObject({
      id: newest?.id,
      transactionId: `${run}-tx-2`,
      payload: { message: "n2" },
    });
    const [job] = one.result.jobs ?? [];
    expect(job).toMatchObject({ type: "in_app", status: "completed", step: { active: true } });
    expect(job?.step.id).toEqual(expect.any(String));
    expect(job?.executionDetails.length).toBeGreaterThan(0);
    expect(job?.executionDetails[0]).toMatchObject({
      status: expect.any(String),
      detail: expect.any(String),
    });
  });

  it("refuses bad input, unknown ids and another environment's key", async () => {
    await expectRawInvalid("/v1/notifications?page=-1", { method: "GET" });
    await expectRawInvalid("/v1/notifications?limit=lots", { method: "GET" });
    await expectNotFound(development.notifications.retrieve("000000000000000000000000"));

    const listed = await development.notifications.list({ transactionId: `${run}-tx-1` });
    const id = listed.result.data[0]?.id ?? "";
    expect(id).not.toBe("");
    await expectNotFound(production.notifications.retrieve(id));
    expect((await production.notifications.list({ transactionId: `${run}-tx-1` })).result.data).toEqual([]);
    expect((await production.notifications.list({ subscriberIds: [subscriberId] })).result.data).toEqual([]);
  });
});
