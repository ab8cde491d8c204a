// The official server SDK, @novu/api, against a real `wrangler dev`: typed results and typed errors.
import { Novu } from "@novu/api";
import { ErrorDto, NovuError, SubscriberResponseDto, ValidationErrorDto } from "@novu/api/models/errors";
import { describe, expect, inject, it } from "vitest";

const serverURL = inject("apiUrl");
const client = (secretKey: string) => new Novu({ secretKey, serverURL, retryConfig: { strategy: "none" } });
const novu = client(inject("development").secretKey);
const run = Date.now().toString(36);

/** Resolves to the error the promise rejects with; fails the test when it resolves. */
async function rejection(promise: Promise<unknown>): Promise<NovuError> {
  const outcome = await promise.then(
    () => new Error("expected the call to fail"),
    (error: unknown) => error,
  );
  expect(outcome).toBeInstanceOf(NovuError);
  return outcome as NovuError;
}

describe("subscribers", () => {
  it("creates, retrieves, patches and deletes a subscriber", async () => {
    const subscriberId = `ada-${run}`;
    const created = await novu.subscribers.create({
      subscriberId,
      firstName: "Ada",
      email: `ada-${run}@example.com`,
      data: { plan: "pro" },
    });
    expect(created.result).toMatchObject({ subscriberId, firstName: "Ada", data: { plan: "pro" } });
    expect(created.result.id).toMatch(/^[0-9a-f]{24}$/);

    const retrieved = await novu.subscribers.retrieve(subscriberId);
    expect(retrieved.result).toMatchObject({ id: created.result.id, email: `ada-${run}@example.com` });

    const patched = await novu.subscribers.patch({ lastName: "Lovelace", locale: "en-GB" }, subscriberId);
    expect(patched.result).toMatchObject({ firstName: "Ada", lastName: "Lovelace", locale: "en-GB" });

    const removed = await novu.subscribers.delete(subscriberId);
    expect(removed.result).toEqual({ acknowledged: true, status: "deleted" });
    expect((await rejection(novu.subscribers.retrieve(subscriberId))).statusCode).toBe(404);
  });

  it("searches with cursor pagination across pages", async () => {
    const ids = Array.from({ length: 5 }, (_, i) => `page-${run}-${i}`);
    for (const subscriberId of ids) await novu.subscribers.create({ subscriberId, firstName: `Pager${run}` });

    const seen: string[] = [];
    let after: string | undefined;
    for (let page = 0; page < 5; page++) {
      const { result } = await novu.subscribers.search({ name: `Pager${run}`, limit: 2, after });
      expect(result.data.length).toBeLessThanOrEqual(2);
      seen.push(...result.data.map((s) => s.subscriberId));
      if (!result.next) break;
      after = result.next;
    }
    expect(seen).toHaveLength(5);
    expect([...seen].sort()).toEqual(ids);
    // Newest first by default.
    expect(seen[0]).toBe(ids[4]);
  });

  it("refuses to overwrite with failIfExists (409) and 404s for an unknown subscriber", async () => {
    const subscriberId = `dup-${run}`;
    await novu.subscribers.create({ subscriberId });
    const conflict = await rejection(novu.subscribers.create({ subscriberId }, true));
    expect(conflict.statusCode).toBe(409);
    // The SDK types this 409 as the existing subscriber.
    expect(conflict).toBeInstanceOf(SubscriberResponseDto);
    expect(conflict).toMatchObject({ subscriberId, deleted: false });

    const missing = await rejection(novu.subscribers.retrieve(`nobody-${run}`));
    expect(missing.statusCode).toBe(404);
    expect(missing).toBeInstanceOf(ErrorDto);
  });

  it("keeps environments apart and rejects a wrong secret key", async () => {
    const subscriberId = `dev-only-${run}`;
    await novu.subscribers.create({ subscriberId });
    const production = client(inject("production").secretKey);
    expect((await rejection(production.subscribers.retrieve(subscriberId))).statusCode).toBe(404);

    const unauthorized = await rejection(client("not-a-real-key").subscribers.retrieve(subscriberId));
    expect(unauthorized.statusCode).toBe(401);
  });
});

describe("workflows and triggers", () => {
  const workflowId = `welcome-${run}`;
  const inApp = {
    name: "Inbox",
    type: "in_app" as const,
    controlValues: { subject: "Hi {{subscriber.firstName}}", body: "You have {{payload.x}} new items" },
  };

  // The SDK sends `active: false` unless told otherwise, as Novu's dashboard drafts do.
  it("creates, lists, gets, updates and deletes a workflow", async () => {
    const created = await novu.workflows.create({
      name: "Welcome",
      workflowId,
      active: true,
      tags: ["onboarding"],
      steps: [inApp],
    });
    expect(created.result).toMatchObject({ workflowId, name: "Welcome", active: true, tags: ["onboarding"] });
    const [step] = created.result.steps;
    expect(step).toMatchObject({ type: "in_app", name: "Inbox", controlValues: inApp.controlValues });

    const listed = await novu.workflows.list({ query: workflowId });
    expect(listed.result.totalCount).toBe(1);
    expect(listed.result.workflows[0]).toMatchObject({
      workflowId,
      name: "Welcome",
      stepTypeOverviews: ["in_app"],
    });

    const fetched = await novu.workflows.get(workflowId);
    expect(fetched.result.id).toBe(created.result.id);

    const updated = await novu.workflows.update(
      {
        name: "Welcome v2",
        steps: [{ ...inApp, controlValues: { body: "v2 {{payload.x}}" } }],
        preferences: {},
      },
      workflowId,
    );
    expect(updated.result).toMatchObject({ id: created.result.id, name: "Welcome v2", active: false });
    expect(updated.result.steps[0]?.controlValues).toMatchObject({ body: "v2 {{payload.x}}" });

    await novu.workflows.delete(workflowId);
    expect((await rejection(novu.workflows.get(workflowId))).statusCode).toBe(404);
  });

  it("triggers to a subscriberId, an inline subscriber and an array", async () => {
    await novu.workflows.create({
      name: "Trigger me",
      workflowId: `${workflowId}-t`,
      active: true,
      steps: [inApp],
    });
    await novu.subscribers.create({ subscriberId: `known-${run}`, firstName: "Known" });

    const byId = await novu.trigger({ workflowId: `${workflowId}-t`, to: `known-${run}`, payload: { x: 1 } });
    expect(byId.result).toMatchObject({ acknowledged: true, status: "processed" });
    expect(byId.result.transactionId).toBeTruthy();

    const inline = await novu.trigger({
      workflowId: `${workflowId}-t`,
      to: { subscriberId: `inline-${run}`, firstName: "Inline", email: `inline-${run}@example.com` },
      payload: { x: 2 },
      transactionId: `tx-${run}`,
    });
    expect(inline.result).toMatchObject({
      acknowledged: true,
      status: "processed",
      transactionId: `tx-${run}`,
    });
    const upserted = await novu.subscribers.retrieve(`inline-${run}`);
    expect(upserted.result).toMatchObject({ firstName: "Inline", email: `inline-${run}@example.com` });

    const many = await novu.trigger({
      workflowId: `${workflowId}-t`,
      to: [`known-${run}`, { subscriberId: `array-${run}`, lastName: "Array" }],
      payload: { x: 3 },
    });
    expect(many.result.status).toBe("processed");
    expect((await novu.subscribers.retrieve(`array-${run}`)).result.lastName).toBe("Array");
  });

  it("answers 422 for a trigger of an unknown workflow", async () => {
    const error = await rejection(novu.trigger({ workflowId: `missing-${run}`, to: `known-${run}` }));
    expect(error.statusCode).toBe(422);
    expect(error).toBeInstanceOf(ValidationErrorDto);
  });
});
