// Messages through @novu/api: list with filters and pages (in-app messages of every subscriber among them), delete one
// of either kind, delete by transactionId; then bad input, unknown ids and another environment's key.
import { describe, expect, it, vi } from "vitest";
import { development, expectNotFound, expectRawInvalid, production, uniqueId } from "./helpers";

const run = uniqueId("msgs");
const workflowId = `${run}-wf`;
const subscriberId = `${run}-reader`;
const otherId = `${run}-other`;
const transactions = [1, 2, 3].map((n) => `${run}-tx-${n}`);

// An in-app and an email step: in-app messages live in the subscriber's inbox, email sends in D1 (with no email
// integration in this environment each send is recorded as failed, which is still a message). The reader gets all
// three triggers, the other subscriber the second one too.
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
  await development.subscribers.create({ subscriberId: otherId, email: `${otherId}@example.com` });
  for (const n of [1, 2, 3]) {
    await development.trigger({
      workflowId,
      to: n === 2 ? [subscriberId, otherId] : subscriberId,
      payload: { message: `m${n}` },
      transactionId: `${run}-tx-${n}`,
    });
    // One trigger at a time, so each one's messages are newer than the previous one's.
    await vi.waitFor(
      async () => {
        const email = await development.messages.retrieve({ transactionId: transactions, channel: "email" });
        expect(email.result.data).toHaveLength(n === 1 ? 1 : n + 1);
        const inApp = await development.messages.retrieve({ transactionId: transactions, channel: "in_app" });
        expect(inApp.result.data).toHaveLength(n === 1 ? 1 : n + 1);
      },
      { timeout: 15_000, interval: 250 },
    );
  }
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

    const everyone = await development.messages.retrieve({
      channel: "in_app",
      transactionId: transactions,
      limit: 3,
    });
    expect(everyone.result).toMatchObject({ page: 0, pageSize: 3, hasMore: true, totalCount: 4 });
    const rest = await development.messages.retrieve({
      channel: "in_app",
      transactionId: transactions,
      limit: 3,
      page: 1,
    });
    expect(rest.result).toMatchObject({ page: 1, hasMore: false, totalCount: 4 });
    const inAppPages = [...everyone.result.data, ...rest.result.data];
    expect(inAppPages.map((m) => [m.channel, m.content])).toEqual([
      ["in_app", "m3"],
      ["in_app", "m2"],
      ["in_app", "m2"],
      ["in_app", "m1"],
    ]);
    expect(new Set(inAppPages.map((m) => m.subscriberId)).size).toBe(2);

    const byTransaction = await development.messages.retrieve({ transactionId: transactions.slice(0, 2) });
    expect(byTransaction.result.totalCount).toBe(6);
    expect(byTransaction.result.data.map((m) => `${m.channel} ${m.subject ?? ""}`).sort()).toEqual([
      "email S m1",
      "email S m2",
      "email S m2",
      "in_app ",
      "in_app ",
      "in_app ",
    ]);
    expect((await development.messages.retrieve({ subscriberId, channel: "sms" })).result.data).toEqual([]);

    const removed = await development.messages.delete(newest?.id ?? "");
    expect(removed.result).toEqual({ acknowledged: true, status: "deleted" });
    await development.messages.deleteByTransactionId(`${run}-tx-1`);
    const left = await development.messages.retrieve({ subscriberId, channel: "email" });
    expect(left.result.data.map((m) => m.transactionId)).toEqual([`${run}-tx-2`]);
    const inbox = await development.messages.retrieve({ subscriberId, channel: "in_app" });
    expect(inbox.result.data.map((m) => m.transactionId).sort()).toEqual([`${run}-tx-2`, `${run}-tx-3`]);

    // An in-app message by its id alone: the server finds whose inbox holds it.
    const [theirs] = (await development.messages.retrieve({ subscriberId: otherId, channel: "in_app" }))
      .result.data;
    expect(theirs?.transactionId).toBe(`${run}-tx-2`);
    expect((await development.messages.delete(theirs?.id ?? "")).result).toEqual({
      acknowledged: true,
      status: "deleted",
    });
    expect(
      (await development.messages.retrieve({ subscriberId: otherId, channel: "in_app" })).result.data,
    ).toEqual([]);
    const second = await development.messages.retrieve({ channel: "in_app", transactionId: [`${run}-tx-2`] });
    expect(second.result.data.map((m) => m.id)).not.toContain(theirs?.id);
    expect(second.result.data).toHaveLength(1);
    await expectNotFound(development.messages.delete(theirs?.id ?? ""));
  });

  it("refuses bad input, unknown ids and another environment's key", async () => {
    await expectRawInvalid("/v1/messages?page=minus-one", { method: "GET" });
    await expectRawInvalid("/v1/messages?channel=pigeon", { method: "GET" });
    await expectRawInvalid("/v1/messages?limit=100000", { method: "GET" });
    await expectRawInvalid("/v1/messages?limit=0", { method: "GET" });

    await expectNotFound(development.messages.delete("000000000000000000000000"));
    await expectNotFound(development.messages.deleteByTransactionId(`${run}-no-such-tx`));

    const remaining = await development.messages.retrieve({ subscriberId, channel: "email" });
    const id = remaining.result.data[0]?.id ?? "";
    expect(id).not.toBe("");
    expect((await production.messages.retrieve({ subscriberId, channel: "email" })).result.data).toEqual([]);
    expect((await production.messages.retrieve({ transactionId: [`${run}-tx-2`] })).result.data).toEqual([]);
    const [inApp] = (await development.messages.retrieve({ subscriberId, channel: "in_app" })).result.data;
    expect(inApp?.id).toMatch(/^[0-9a-f]{24}$/);
    expect(
      (await production.messages.retrieve({ channel: "in_app", transactionId: transactions })).result,
    ).toMatchObject({ data: [], totalCount: 0, hasMore: false });
    await expectNotFound(production.messages.delete(id));
    await expectNotFound(production.messages.delete(inApp?.id ?? ""));
    await expectNotFound(production.messages.deleteByTransactionId(`${run}-tx-2`));
    const kept = (await development.messages.retrieve({ subscriberId })).result.data.map((m) => m.id);
    expect(kept).toContain(id);
    expect(kept).toContain(inApp?.id);
  });
});
