import { describe, expect, it } from "vitest";
import { api, createTenant, inAppWorkflow } from "./fixtures";

type Workflow = {
  _id: string;
  workflowId: string;
  name: string;
  active: boolean;
  status: string;
  steps: Step[];
};
type Step = {
  _id: string;
  stepId: string;
  name: string;
  type: string;
  controlValues: Record<string, unknown>;
};

describe("/v2/workflows", () => {
  it("creates a workflow with Novu's defaults and reads it by workflowId or _id", async () => {
    const server = api(await createTenant());
    const res = await server("/v2/workflows", { method: "POST", body: inAppWorkflow("orders") });
    expect(res.status).toBe(201);
    const { data } = await res.json<{ data: Workflow }>();
    expect(data).toMatchObject({
      workflowId: "orders",
      active: true,
      status: "ACTIVE",
      origin: "novu-cloud",
      severity: "none",
      preferences: { user: null, default: { all: { enabled: true, readOnly: false } } },
      steps: [{ stepId: "in-app", name: "In-App", type: "in_app", workflowId: "orders" }],
    });
    expect(
      (await (await server(`/v2/workflows/${data._id}`)).json<{ data: Workflow }>()).data.workflowId,
    ).toBe("orders");
    expect((await server("/v2/workflows/orders")).status).toBe(200);
  });

  it("refuses a second workflow with the same workflowId", async () => {
    const server = api(await createTenant());
    await server("/v2/workflows", { method: "POST", body: inAppWorkflow("dup") });
    const again = await server("/v2/workflows", { method: "POST", body: inAppWorkflow("dup") });
    expect(again.status).toBe(409);
  });

  it("keeps step ids across a PUT that sends them back, and lists with search", async () => {
    const server = api(await createTenant());
    const { data: created } = await (
      await server("/v2/workflows", { method: "POST", body: inAppWorkflow("w1") })
    ).json<{
      data: Workflow;
    }>();
    const step = created.steps[0];
    if (!step) throw new Error("no step");
    const put = await server("/v2/workflows/w1", {
      method: "PUT",
      body: {
        name: "Renamed",
        steps: [
          { _id: step._id, name: step.name, type: "in_app", controlValues: { body: "changed" } },
          { name: "In-App", type: "in_app", controlValues: { body: "second" } },
        ],
      },
    });
    expect(put.status).toBe(200);
    const { data: updated } = await put.json<{ data: Workflow }>();
    expect(updated.name).toBe("Renamed");
    expect(updated.steps.map((s) => [s._id === step._id, s.stepId])).toEqual([
      [true, "in-app"],
      [false, "in-app-2"],
    ]);

    await server("/v2/workflows", { method: "POST", body: inAppWorkflow("other") });
    const list = await (await server("/v2/workflows?query=Renamed")).json<{
      data: { workflows: Array<{ workflowId: string; stepTypeOverviews: string[] }>; totalCount: number };
    }>();
    expect(list.data.totalCount).toBe(1);
    expect(list.data.workflows[0]).toMatchObject({ workflowId: "w1", stepTypeOverviews: ["in_app"] });
  });

  it("deletes with 204, then 404s, and an inactive workflow is not delivered", async () => {
    const server = api(await createTenant());
    await server("/v2/workflows", { method: "POST", body: { ...inAppWorkflow("paused"), active: false } });
    const trigger = await server("/v1/events/trigger", {
      method: "POST",
      body: { name: "paused", to: "s1" },
    });
    expect(await trigger.json()).toMatchObject({
      data: { acknowledged: true, status: "trigger_not_active" },
    });

    expect((await server("/v2/workflows/paused", { method: "DELETE" })).status).toBe(204);
    expect((await server("/v2/workflows/paused")).status).toBe(404);
    expect((await server("/v2/workflows/paused", { method: "DELETE" })).status).toBe(404);
  });

  it("is scoped to the key's environment", async () => {
    const owner = api(await createTenant());
    const stranger = api(await createTenant());
    await owner("/v2/workflows", { method: "POST", body: inAppWorkflow("mine") });
    expect((await stranger("/v2/workflows/mine")).status).toBe(404);
    expect(
      (await stranger("/v1/events/trigger", { method: "POST", body: { name: "mine", to: "x" } })).status,
    ).toBe(422);
    expect(
      (await stranger("/v2/workflows/mine", { method: "PUT", body: inAppWorkflow("mine") })).status,
    ).toBe(404);
  });

  it.each([
    ["no steps", { name: "n", workflowId: "w" }],
    ["an unknown step type", { name: "n", workflowId: "w", steps: [{ name: "s", type: "fax" }] }],
    ["a workflowId with spaces", { name: "n", workflowId: "has space", steps: [] }],
  ])("rejects a workflow with %s with 422", async (_, body) => {
    const res = await api(await createTenant())("/v2/workflows", { method: "POST", body });
    expect(res.status).toBe(422);
  });
});
