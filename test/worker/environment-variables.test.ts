import { describe, expect, it } from "vitest";
import { api, createTenant, inAppWorkflow, openInbox, sdk } from "./fixtures";

describe("/v1/environment-variables (@novu/api)", () => {
  it("creates, lists, retrieves, updates and deletes a variable with a value per environment", async () => {
    const tenant = await createTenant();
    const novu = sdk(tenant);
    const created = await novu.environmentVariables.create({
      /*dbg*/
      key: "BASE_URL",
      values: [{ environmentId: tenant.environmentId, value: "https://dev.acme.io" }],
    });
    expect(created.result).toMatchObject({
      key: "BASE_URL",
      type: "string",
      isSecret: false,
      values: [{ environmentId: tenant.environmentId, value: "https://dev.acme.io" }],
    });
    expect(created.result.id).toMatch(/^[0-9a-f]{24}$/);

    await novu.environmentVariables.create({ key: "OTHER" });
    const listed = await novu.environmentVariables.list("base");
    expect(listed.result.map((v) => v.key)).toEqual(["BASE_URL"]);

    const updated = await novu.environmentVariables.update(
      { key: "APP_URL", values: [{ environmentId: tenant.environmentId, value: "https://acme.io" }] },
      "BASE_URL",
    );
    expect(updated.result).toMatchObject({ key: "APP_URL", values: [{ value: "https://acme.io" }] });
    expect((await novu.environmentVariables.retrieve("APP_URL")).result.key).toBe("APP_URL");

    await novu.environmentVariables.delete("APP_URL");
    const server = api(tenant);
    expect((await server("/v1/environment-variables/APP_URL")).status).toBe(404);
  });

  it("masks secrets in every answer and never turns a secret back into plain text", async () => {
    const tenant = await createTenant();
    const server = api(tenant);
    const res = await server("/v1/environment-variables", {
      method: "POST",
      body: {
        key: "API_TOKEN",
        isSecret: true,
        values: [{ _environmentId: tenant.environmentId, value: "s3cret" }],
      },
    });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain("s3cret");
    expect(JSON.parse(text).data.values[0].value).toBe("••••••••");
    expect(await (await server("/v1/environment-variables")).text()).not.toContain("s3cret");

    const unseal = await server("/v1/environment-variables/API_TOKEN", {
      method: "PATCH",
      body: { isSecret: false },
    });
    expect(unseal.status).toBe(400);
  });

  it("reports which workflows mention {{env.KEY}}", async () => {
    const tenant = await createTenant();
    const server = api(tenant);
    await server("/v1/environment-variables", { method: "POST", body: { key: "BRAND" } });
    await server("/v2/workflows", {
      method: "POST",
      body: {
        name: "Uses it",
        workflowId: "uses-it",
        steps: [{ name: "Inbox", type: "in_app", controlValues: { body: "From {{ env.BRAND }}" } }],
      },
    });
    await server("/v2/workflows", {
      method: "POST",
      body: {
        name: "Does not",
        workflowId: "does-not",
        steps: [{ name: "Inbox", type: "in_app", controlValues: { body: "{{env.BRANDING}}" } }],
      },
    });
    const usage = await sdk(tenant).environmentVariables.usage("BRAND");
    expect(usage.result.workflows).toEqual([{ name: "Uses it", workflowId: "uses-it" }]);
  });

  it("refuses bad keys, duplicates, unknown or foreign environments, and other organizations' variables", async () => {
    const tenant = await createTenant();
    const stranger = await createTenant();
    const server = api(tenant);
    const post = (body: unknown) => server("/v1/environment-variables", { method: "POST", body });
    expect((await post({ key: "1BAD" })).status).toBe(422);
    expect(
      (await post({ key: "OK", values: [{ _environmentId: stranger.environmentId, value: "x" }] })).status,
    ).toBe(400);
    expect((await post({ key: "OK" })).status).toBe(200);
    expect((await post({ key: "OK" })).status).toBe(409);
    expect((await api(stranger)("/v1/environment-variables/OK")).status).toBe(404);
    expect((await api(stranger)("/v1/environment-variables/OK", { method: "DELETE" })).status).toBe(404);
    expect((await server("/v1/environment-variables/OK")).status).toBe(200);
  });
});

describe("{{env.KEY}} in templates", () => {
  it("renders each environment's own value, secrets included, and nothing for a key without a value here", async () => {
    const tenant = await createTenant();
    const server = api(tenant);
    const created = await server("/v1/environments", {
      method: "POST",
      body: { name: "Production", color: "#f00" },
    });
    const production = (await created.json<{ data: { _id: string } }>()).data._id;
    const variable = (key: string, isSecret: boolean, dev: string, prod: string) =>
      server("/v1/environment-variables", {
        method: "POST",
        body: {
          key,
          isSecret,
          values: [
            { _environmentId: tenant.environmentId, value: dev },
            { _environmentId: production, value: prod },
          ],
        },
      });
    await variable("BRAND", false, "Acme (dev)", "Acme");
    await variable("TOKEN", true, "dev-token", "prod-token");
    await server("/v1/environment-variables", { method: "POST", body: { key: "UNSET" } });
    await server("/v2/workflows", {
      method: "POST",
      body: inAppWorkflow("brand", { body: "{{ env.BRAND }} / {{ env.TOKEN }} / [{{ env.UNSET }}]" }),
    });
    const res = await server("/v1/events/trigger", { method: "POST", body: { name: "brand", to: "ada" } });
    expect(res.status).toBe(201);
    const inbox = await openInbox(tenant, "ada");
    const list = await (await inbox.call("/v1/inbox/notifications")).json<{
      data: Array<{ body: string }>;
    }>();
    expect(list.data.map((n) => n.body)).toEqual(["Acme (dev) / dev-token / []"]);
  });
});
