import { describe, expect, it } from "vitest";
import { api, createTenant, frameworkBridge, sdk, type TestTenant } from "./fixtures";

/** A development tenant plus a production environment of the same organization, each with its own key. */
async function organization() {
  const development = await createTenant();
  const server = api(development);
  const res = await server("/v1/environments", {
    method: "POST",
    body: { name: "Production", color: "#ff0000" },
  });
  expect(res.status).toBe(201);
  const { data } = await res.json<{
    data: { _id: string; identifier: string; apiKeys: Array<{ key: string }> };
  }>();
  const production: TestTenant = {
    ...development,
    environmentId: data._id,
    applicationIdentifier: data.identifier,
    secretKey: data.apiKeys[0]?.key ?? "",
  };
  return { development, production, server, prodServer: api(production) };
}

const welcome = {
  name: "Welcome",
  workflowId: "welcome",
  active: true,
  steps: [
    {
      name: "Inbox",
      type: "in_app" as const,
      controlValues: { subject: "Hi {{subscriber.firstName}}", body: "{{payload.text}}" },
    },
    {
      name: "Mail",
      type: "email" as const,
      controlValues: { subject: "Hello", body: "<p>{{payload.text}}</p>" },
    },
  ],
};

describe("workflow steps, patch and preview (@novu/api)", () => {
  it("patches a workflow's fields and leaves the rest alone", async () => {
    const tenant = await createTenant();
    const novu = sdk(tenant);
    await novu.workflows.create(welcome);
    const patched = await novu.workflows.patch({ active: false, tags: ["onboarding"] }, "welcome");
    expect(patched.result).toMatchObject({
      active: false,
      tags: ["onboarding"],
      name: "Welcome",
      status: "INACTIVE",
    });
    expect(patched.result.steps).toHaveLength(2);
  });

  it("retrieves one step by stepId or _id, and 404s an unknown step or workflow", async () => {
    const tenant = await createTenant();
    const novu = sdk(tenant);
    const created = await novu.workflows.create(welcome);
    const mail = created.result.steps[1];
    const byStepId = await novu.workflows.steps.retrieve("welcome", "inbox");
    expect(byStepId.result).toMatchObject({ stepId: "inbox", type: "in_app", workflowId: "welcome" });
    const byId = await novu.workflows.steps.retrieve("welcome", mail?.id ?? "");
    expect(byId.result.stepId).toBe(mail?.stepId);

    const server = api(tenant);
    expect((await server("/v2/workflows/welcome/steps/nope")).status).toBe(404);
    expect((await server("/v2/workflows/nope/steps/inbox")).status).toBe(404);
  });

  it("renders a step's preview with sample data, or the stored or given controls", async () => {
    const tenant = await createTenant();
    const novu = sdk(tenant);
    await novu.workflows.create(welcome);
    const preview = await novu.workflows.steps.generatePreview({
      workflowId: "welcome",
      stepId: "inbox",
      generatePreviewRequestDto: {
        previewPayload: { payload: { text: "It works" }, subscriber: { firstName: "Ada" } },
      },
    });
    expect(preview.result.result).toMatchObject({
      type: "in_app",
      preview: { subject: "Hi Ada", body: "It works" },
    });

    const server = api(tenant);
    const given = await server("/v2/workflows/welcome/step/mail/preview", {
      method: "POST",
      body: {
        controlValues: { subject: "{{payload.n}} new", body: "b" },
        previewPayload: { payload: { n: 3 } },
      },
    });
    expect(given.status).toBe(201);
    expect((await given.json<{ data: { result: unknown } }>()).data.result).toEqual({
      type: "email",
      preview: { subject: "3 new", body: "b" },
    });

    const broken = await server("/v2/workflows/welcome/step/inbox/preview", {
      method: "POST",
      body: { controlValues: { body: "{% if %}" } },
    });
    const { data } = await broken.json<{ data: { result: { error?: { message: string } } } }>();
    expect(broken.status).toBe(201);
    expect(data.result.error?.message).toBeTruthy();
  });

  it("previews a code-first step through the bridge's preview action", async () => {
    const tenant = await createTenant();
    const server = api(tenant);
    const bridge = frameworkBridge(tenant);
    await server("/v1/bridge/sync", { method: "POST", body: { bridgeUrl: bridge.url } });
    const res = await server("/v2/workflows/bridge-welcome/step/inbox/preview", {
      method: "POST",
      body: { controlValues: { subject: "Previewed" }, previewPayload: { payload: { item: "kite" } } },
    });
    expect(res.status).toBe(201);
    const { data } = await res.json<{ data: { result: { preview: { subject: string; body: string } } } }>();
    expect(data.result.preview.subject).toBe("Previewed");
    expect(data.result.preview.body).toContain("kite");
    expect((await bridge.requests()).some((r) => r.action === "preview" && r.stepId === "inbox")).toBe(true);
  });
});

describe("promotion across environments", () => {
  it("syncs one workflow to another environment of the organization, then updates it in place", async () => {
    const { development, production, prodServer } = await organization();
    const novu = sdk(development);
    await novu.workflows.create(welcome);
    const synced = await novu.workflows.sync({ targetEnvironmentId: production.environmentId }, "welcome");
    expect(synced.result).toMatchObject({ workflowId: "welcome", name: "Welcome" });

    await novu.workflows.patch({ name: "Welcome v2" }, "welcome");
    await novu.workflows.sync({ targetEnvironmentId: production.applicationIdentifier }, "welcome");
    const inProduction = await (await prodServer("/v2/workflows/welcome")).json<{ data: { name: string } }>();
    expect(inProduction.data.name).toBe("Welcome v2");
    const list = await (await prodServer("/v2/workflows")).json<{ data: { totalCount: number } }>();
    expect(list.data.totalCount).toBe(1);
  });

  it("refuses to sync to itself, to an unknown environment, or to another organization's", async () => {
    const { development } = await organization();
    const stranger = await createTenant();
    const server = api(development);
    await server("/v2/workflows", { method: "POST", body: welcome });
    const to = (target: string) =>
      server("/v2/workflows/welcome/sync", { method: "PUT", body: { targetEnvironmentId: target } });
    expect((await to(development.environmentId)).status).toBe(400);
    expect((await to("000000000000000000000000")).status).toBe(404);
    expect((await to(stranger.environmentId)).status).toBe(404);
    expect((await server("/v2/workflows/welcome/sync", { method: "PUT", body: {} })).status).toBe(422);
    const theirs = await (await api(stranger)("/v2/workflows")).json<{ data: { totalCount: number } }>();
    expect(theirs.data.totalCount).toBe(0);
  });

  it("diffs and publishes Development to Production: added, modified, deleted, unchanged, dry run", async () => {
    const { development, production, server, prodServer } = await organization();
    const novu = sdk(development);
    await novu.workflows.create(welcome);
    await novu.workflows.create({ ...welcome, workflowId: "digest", name: "Digest" });
    await prodServer("/v2/workflows", {
      method: "POST",
      body: { ...welcome, workflowId: "legacy", name: "Legacy" },
    });

    const diff = await novu.environments.diff({}, production.environmentId);
    expect(diff.result.summary).toEqual({ totalEntities: 3, totalChanges: 3, hasChanges: true });
    const actions = diff.result.resources.map((r) => [
      r.sourceResource?.id ?? r.targetResource?.id,
      r.changes[0]?.action,
    ]);
    expect(actions.sort()).toEqual([
      ["digest", "added"],
      ["legacy", "deleted"],
      ["welcome", "added"],
    ]);

    const dry = await novu.environments.publish({ dryRun: true }, production.environmentId);
    expect(dry.result.summary).toMatchObject({ resources: 3, successful: 3 });
    expect(
      (await (await prodServer("/v2/workflows")).json<{ data: { totalCount: number } }>()).data.totalCount,
    ).toBe(1);

    const published = await novu.environments.publish({}, production.environmentId);
    expect(published.result.summary).toEqual({ resources: 3, successful: 3, failed: 0, skipped: 0 });
    const names = await (await prodServer("/v2/workflows")).json<{
      data: { workflows: Array<{ workflowId: string }> };
    }>();
    expect(names.data.workflows.map((w) => w.workflowId).sort()).toEqual(["digest", "welcome"]);

    await server("/v2/workflows/digest", { method: "PATCH", body: { name: "Digest v2" } });
    const after = await novu.environments.diff({}, production.environmentId);
    expect(after.result.summary).toEqual({ totalEntities: 2, totalChanges: 1, hasChanges: true });
    const only = await novu.environments.publish(
      { resources: [{ resourceType: "REGULAR", resourceId: "welcome" }] },
      production.environmentId,
    );
    expect(only.result.summary).toMatchObject({ resources: 1, skipped: 1, successful: 0 });
  });

  it("publishes layouts and translations with the workflows, each told apart by resourceKind", async () => {
    const { production, server, prodServer } = await organization();
    await server("/v2/workflows", { method: "POST", body: welcome });
    expect(
      (await server("/v2/layouts", { method: "POST", body: { layoutId: "brand", name: "Brand" } })).status,
    ).toBe(201);
    const translation = await server("/v2/translations", {
      method: "POST",
      body: {
        resourceId: "welcome",
        resourceType: "workflow",
        locale: "fr_FR",
        content: { hello: "Bonjour" },
      },
    });
    expect(translation.status).toBe(200);

    const diff = await (
      await server(`/v2/environments/${production.environmentId}/diff`, { method: "POST", body: {} })
    ).json<{ data: { resources: Array<{ resourceKind: string; sourceResource: { id: string } | null }> } }>();
    expect(diff.data.resources.map((r) => [r.resourceKind, r.sourceResource?.id]).sort()).toEqual([
      ["layout", "brand"],
      ["translation", "workflow:welcome:fr_FR"],
      ["workflow", "welcome"],
    ]);

    const published = await server(`/v2/environments/${production.environmentId}/publish`, {
      method: "POST",
      body: {},
    });
    expect(published.status).toBe(200);
    expect((await prodServer("/v2/layouts/brand")).status).toBe(200);
    const french = await prodServer("/v2/translations/workflow/welcome/fr_FR");
    expect(french.status).toBe(200);
    expect(await french.json()).toMatchObject({ data: { content: { hello: "Bonjour" } } });
  });

  it("refuses a publish to the source itself or outside the organization", async () => {
    const { development, server } = await organization();
    const stranger = await createTenant();
    expect(
      (await server(`/v2/environments/${development.environmentId}/publish`, { method: "POST", body: {} }))
        .status,
    ).toBe(400);
    expect(
      (await server(`/v2/environments/${stranger.environmentId}/diff`, { method: "POST", body: {} })).status,
    ).toBe(404);
    expect(
      (
        await server(`/v2/environments/${stranger.environmentId}/publish`, {
          method: "POST",
          body: { dryRun: "yes" },
        })
      ).status,
    ).toBe(422);
  });
});
