// Workflows through @novu/api: every step type, list, get, update, patch, step retrieve and preview, sync to another
// environment, delete; payloadSchema enforced at trigger time; then bad input, unknown ids and the other environment.
import { describe, expect, it } from "vitest";
import { development, expectNotFound, expectRawInvalid, production, rejection, uniqueId } from "./helpers";

const run = uniqueId("wf");
const workflowId = `${run}-all`;

async function productionEnvironmentId() {
  const { result } = await development.environments.list();
  const found = result.find((e) => e.name === "Production");
  expect(found).toBeDefined();
  return found?.id ?? "";
}

describe("workflows", () => {
  it("creates a workflow with every step type and reads it back", async () => {
    const created = await development.workflows.create({
      name: "Every step",
      workflowId,
      description: "All step types",
      active: true,
      tags: ["conformance"],
      severity: "high",
      steps: [
        { name: "Inbox", type: "in_app", controlValues: { subject: "Hi", body: "{{payload.text}}" } },
        { name: "Mail", type: "email", controlValues: { subject: "Hello", body: "<p>{{payload.text}}</p>" } },
        { name: "Text", type: "sms", controlValues: { body: "sms {{payload.text}}" } },
        { name: "Push", type: "push", controlValues: { subject: "push", body: "{{payload.text}}" } },
        { name: "Chat", type: "chat", controlValues: { body: "chat {{payload.text}}" } },
        { name: "Wait", type: "delay", controlValues: { type: "regular", amount: 5, unit: "minutes" } },
        { name: "Digest", type: "digest", controlValues: { amount: 10, unit: "minutes" } },
        {
          name: "Throttle",
          type: "throttle",
          controlValues: { type: "fixed", amount: 1, unit: "hours", threshold: 3 },
        },
        { name: "Custom", type: "custom", controlValues: {} },
      ],
    });
    expect(created.result).toMatchObject({
      workflowId,
      name: "Every step",
      description: "All step types",
      active: true,
      tags: ["conformance"],
      severity: "high",
      origin: "novu-cloud",
      status: "ACTIVE",
    });
    expect(created.result.id).toMatch(/^[0-9a-f]{24}$/);
    expect(created.result.steps.map((s) => s.type)).toEqual([
      "in_app",
      "email",
      "sms",
      "push",
      "chat",
      "delay",
      "digest",
      "throttle",
      "custom",
    ]);
    expect(created.result.steps[1]).toMatchObject({
      name: "Mail",
      stepId: "mail",
      controlValues: { subject: "Hello" },
    });
    expect(created.result.preferences).toHaveProperty("default");

    const listed = await development.workflows.list({ query: workflowId, limit: 10, offset: 0 });
    expect(listed.result.totalCount).toBe(1);
    expect(listed.result.workflows[0]).toMatchObject({
      workflowId,
      name: "Every step",
      tags: ["conformance"],
    });
    expect(listed.result.workflows[0]?.stepTypeOverviews).toContain("digest");

    const fetched = await development.workflows.get(workflowId);
    expect(fetched.result).toMatchObject({ id: created.result.id, workflowId });
    const byId = await development.workflows.get(created.result.id);
    expect(byId.result.workflowId).toBe(workflowId);

    const step = await development.workflows.steps.retrieve(workflowId, "mail");
    expect(step.result).toMatchObject({ stepId: "mail", type: "email", workflowId, name: "Mail" });
    expect(step.result.controlValues).toMatchObject({ subject: "Hello" });
    expect(step.result.workflowDatabaseId).toBe(created.result.id);
  });

  it("updates, patches and previews", async () => {
    const id = `${run}-edit`;
    await development.workflows.create({
      name: "Edit me",
      workflowId: id,
      active: true,
      steps: [
        {
          name: "Inbox",
          type: "in_app",
          controlValues: { subject: "Hi {{subscriber.firstName}}", body: "x" },
        },
      ],
    });
    const updated = await development.workflows.update(
      {
        name: "Edited",
        active: true,
        steps: [
          {
            name: "Inbox",
            type: "in_app",
            controlValues: { subject: "Hi {{subscriber.firstName}}", body: "{{payload.text}}" },
          },
        ],
        preferences: {
          user: { all: { enabled: true, readOnly: false }, channels: { inApp: { enabled: true } } },
        },
      },
      id,
    );
    expect(updated.result).toMatchObject({ name: "Edited", active: true });
    expect(updated.result.steps[0]?.controlValues).toMatchObject({ body: "{{payload.text}}" });

    const patched = await development.workflows.patch({ active: false, tags: ["patched"] }, id);
    expect(patched.result).toMatchObject({
      name: "Edited",
      active: false,
      tags: ["patched"],
      status: "INACTIVE",
    });

    const preview = await development.workflows.steps.generatePreview({
      workflowId: id,
      stepId: "inbox",
      generatePreviewRequestDto: {
        previewPayload: { payload: { text: "It works" }, subscriber: { firstName: "Ada" } },
      },
    });
    expect(preview.result.result).toMatchObject({
      type: "in_app",
      preview: { subject: "Hi Ada", body: "It works" },
    });
  });

  it("syncs a workflow to the production environment and deletes it", async () => {
    const id = `${run}-sync`;
    await development.workflows.create({
      name: "Promote me",
      workflowId: id,
      active: true,
      steps: [{ name: "Inbox", type: "in_app", controlValues: { body: "hi" } }],
    });
    await expectNotFound(production.workflows.get(id));
    const synced = await development.workflows.sync(
      { targetEnvironmentId: await productionEnvironmentId() },
      id,
    );
    expect(synced.result).toMatchObject({ workflowId: id, name: "Promote me" });
    const inProduction = await production.workflows.get(id);
    expect(inProduction.result).toMatchObject({ workflowId: id, name: "Promote me" });

    await development.workflows.delete(id);
    await expectNotFound(development.workflows.get(id));
    // Deleting in development leaves production's copy alone.
    expect((await production.workflows.get(id)).result.workflowId).toBe(id);
    await production.workflows.delete(id);
  });

  it("enforces payloadSchema at trigger time when validatePayload is on", async () => {
    const id = `${run}-schema`;
    const created = await development.workflows.create({
      name: "Typed payload",
      workflowId: id,
      active: true,
      validatePayload: true,
      payloadSchema: {
        type: "object",
        properties: { orderId: { type: "string" } },
        required: ["orderId"],
      },
      steps: [{ name: "Inbox", type: "in_app", controlValues: { body: "{{payload.orderId}}" } }],
    });
    expect(created.result).toMatchObject({ validatePayload: true, payloadSchema: { required: ["orderId"] } });
    const ok = await development.trigger({ workflowId: id, to: `${run}-buyer`, payload: { orderId: "o-1" } });
    expect(ok.result.status).toBe("processed");
    const bad = await rejection(
      development.trigger({ workflowId: id, to: `${run}-buyer`, payload: { orderId: 7 } }),
    );
    expect(bad.statusCode).toBe(400);
  });

  it("refuses bad input, unknown ids and another environment's key", async () => {
    await expectRawInvalid("/v2/workflows", { body: { workflowId: `${run}-x`, steps: [] } });
    await expectRawInvalid("/v2/workflows", { body: { name: 42, workflowId: `${run}-x`, steps: [] } });
    await expectRawInvalid("/v2/workflows", {
      body: { name: "Bad step", workflowId: `${run}-x`, steps: [{ name: "?", type: "carrier_pigeon" }] },
    });
    await expectRawInvalid(`/v2/workflows/${workflowId}`, { method: "PATCH", body: { active: "yes" } });

    const duplicate = await rejection(
      development.workflows.create({ name: "Again", workflowId, steps: [{ name: "Inbox", type: "in_app" }] }),
    );
    expect([400, 409]).toContain(duplicate.statusCode);

    const ghost = `${run}-ghost`;
    await expectNotFound(development.workflows.get(ghost));
    await expectNotFound(development.workflows.patch({ name: "x" }, ghost));
    await expectNotFound(development.workflows.delete(ghost));
    await expectNotFound(development.workflows.steps.retrieve(workflowId, "no-such-step"));
    await expectNotFound(
      development.workflows.steps.generatePreview({
        workflowId: ghost,
        stepId: "inbox",
        generatePreviewRequestDto: {},
      }),
    );

    await expectNotFound(production.workflows.get(workflowId));
    await expectNotFound(production.workflows.patch({ name: "Prod" }, workflowId));
    await expectNotFound(production.workflows.delete(workflowId));
    expect((await production.workflows.list({ query: workflowId })).result.totalCount).toBe(0);
    expect((await development.workflows.get(workflowId)).result.name).toBe("Every step");
  });
});
