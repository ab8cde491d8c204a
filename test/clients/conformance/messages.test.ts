// Messages through @novu/api: list with filters and pages, delete one, delete by transactionId; then bad input,
// unknown ids and another environment's key.
import { describe, expect, it, vi } from "vitest";
import { development, expectNotFound, expectRawInvalid, production, uniqueId } from "./helpers";

const run = uniqueId("msgs");
const workflowId = `${run}-wf`;
const subscriberId = `${run}-reader`;

// An in-app and an email step: in-app messages live in the subscriber's inbox, email sends in D1 (with no email
// integration in this environment each send is recorded as failed, which is still a message).
async function sendThree() {
  await development.workflows.create({
    name: "Two channels",
    workflowId,
    active: true,
    steps: [
      { name: "Inbox", type: "in_app", controlValues: { body: "{{payload.message}}" } },
      {
        name: "Mail",
        type: "email",
        controlValues: { subject: "S {{payload.message}}", body: "{{payload.message}}" },
      },
    ],
  });
  await development.subscribers.create({ subscriberId, email: `${subscriberId}@example.com` });
  for (const n of [1, 2, 3]) {
    await development.trigger({
      workflowId,
      to: subscriberId,
      payload: { message: `m${n}` },
      transactionId: `${run}-tx-${n}`,
    });
  }
  await vi.waitFor(
    async () => {
      const email = await development.messages.retrieve({ subscriberId, channel: "email" });
      expect(email.result.data).toHaveLength(3);
      const inApp = await development.messages.retrieve({ subscriberId, channel: "in_app" });
      expect(inApp.result.data).toHaveLength(3);
    },
    { timeout: 15_000, interval: 250 },
  );
}

describe("messages", () => {
  it("lists, filters, pages and deletes messages", async () => {
    await sendThree();
    const page = await development.messages.retrieve({ subscriberId, channel: "in_app", page: 0, limit: 2 });
    expect(page.result).toMatchObject({ page: 0, pageSize: 2, hasMore: true, totalCount: 3 });
    expect(page.result.data).toHaveLength(2);
    expect(page.result.data[0]).toMatchObject({
      channel: "in_app",
      content: "m3",
      transactionId: `${run}-tx-3`,
      read: false,
      seen: false,
      templateIdentifier: workflowId,
    });

    const emails = await development.messages.retrieve({ subscriberId, channel: "email", limit: 10 });
    const [newest] = emails.result.data;
    expect(newest).toMatchObject({
      channel: "email",
      subject: "S m3",
      transactionId: `${run}-tx-3`,
      templateIdentifier: workflowId,
    });
    // "error" while no email integration exists; another suite adding one to the shared environment must not matter.
    expect(["sent", "error", "warning"]).toContain(newest?.status);
    expect(newest?.id).toMatch(/^[0-9a-f]{24}$/);
    expect(Number.isNaN(Date.parse(newest?.createdAt ?? ""))).toBe(false);

    const byTransaction = await development.messages.retrieve({
      transactionId: [`${run}-tx-1`, `${run}-tx-2`],
    });
    expect(byTransaction.result.data.map((m) => m.subject).sort()).toEqual(["S m1", "S m2"]);
    expect((await development.messages.retrieve({ subscriberId, channel: "sms" })).result.data).toEqual([]);

    const removed = await development.messages.delete(newest?.id ?? "");
    expect(removed.result).toEqual({ acknowledged: true, status: "deleted" });
    await development.messages.deleteByTransactionId(`${run}-tx-1`);
    const left = await development.messages.retrieve({ subscriberId, channel: "email" });
    expect(left.result.data.map((m) => m.transactionId)).toEqual([`${run}-tx-2`]);
    const inbox = await development.messages.retrieve({ subscriberId, channel: "in_app" });
    expect(inbox.result.data.map((m) => m.transactionId).sort()).toEqual([`${run}-tx-2`, `${run}-tx-3`]);
  });

  it("refuses bad input, unknown ids and another environment's key", async () => {
    await expectRawInvalid("/v1/messages?page=minus-one", { method: "GET" });
    await expectRawInvalid("/v1/messages?channel=pigeon", { method: "GET" });
    await expectRawInvalid("/v1/messages?limit=100000", { method: "GET" });

    await expectNotFound(development.messages.delete("000000000000000000000000"));
    await expectNotFound(development.messages.deleteByTransactionId(`${run}-no-such-tx`));

    const remaining = await development.messages.retrieve({ subscriberId, channel: "email" });
    const id = remaining.result.data[0]?.id ?? "";
    expect(id).not.toBe("");
    expect((await production.messages.retrieve({ subscriberId, channel: "email" })).result.data).toEqual([]);
    expect((await production.messages.retrieve({ transactionId: [`${run}-tx-2`] })).result.data).toEqual([]);
    await expectNotFound(production.messages.delete(id));
    await expectNotFound(production.messages.deleteByTransactionId(`${run}-tx-2`));
    expect((await development.messages.retrieve({ subscriberId })).result.data.map((m) => m.id)).toContain(
      id,
    );
  });
});
