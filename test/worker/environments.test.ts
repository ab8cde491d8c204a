import { describe, expect, it } from "vitest";
import { api, call, createTenant, inAppWorkflow } from "./fixtures";

type Environment = {
  _id: string;
  name: string;
  identifier: string;
  type: string;
  apiKeys: Array<{ key: string }>;
};

describe("/v1/environments", () => {
  it("creates an environment whose key is shown once and works, then lists it masked", async () => {
    const tenant = await createTenant();
    const server = api(tenant);
    const res = await server("/v1/environments", {
      method: "POST",
      body: { name: "Staging", color: "#ff8800" },
    });
    expect(res.status).toBe(201);
    const { data: staging } = await res.json<{ data: Environment }>();
    expect(staging).toMatchObject({ name: "Staging", type: "prod", color: "#ff8800" });
    const key = staging.apiKeys[0]?.key ?? "";
    expect(key).toMatch(/^[0-9a-f]{32}$/);

    const me = await call("/v1/environments/me", { headers: { authorization: `ApiKey ${key}` } });
    expect(await me.json()).toMatchObject({ data: { _id: staging._id, name: "Staging" } });

    const { data: all } = await (await server("/v1/environments")).json<{ data: Environment[] }>();
    expect(all.map((e) => e.name)).toEqual(["Development", "Staging"]);
    expect(all[1]?.apiKeys[0]?.key).toBe(`${"*".repeat(28)}${key.slice(-4)}`);
    expect(all[0]?.apiKeys[0]?.key).toBe(`${"*".repeat(28)}${tenant.secretKey.slice(-4)}`);
  });

  it("updates name, identifier and bridge URL, and lists workflow tags", async () => {
    const tenant = await createTenant();
    const server = api(tenant);
    await server("/v2/workflows", {
      method: "POST",
      body: { ...inAppWorkflow("a"), tags: ["billing", "ops"] },
    });
    await server("/v2/workflows", { method: "POST", body: { ...inAppWorkflow("b"), tags: ["ops"] } });
    const updated = await server(`/v1/environments/${tenant.environmentId}`, {
      method: "PUT",
      body: {
        name: "Dev",
        identifier: `dev-${tenant.environmentId.slice(-6)}`,
        bridge: { url: "https://app.example.com/api/novu" },
      },
    });
    expect(await updated.json()).toMatchObject({
      data: { name: "Dev", bridge: { url: "https://app.example.com/api/novu" } },
    });
    const tags = await server(`/v2/environments/dev-${tenant.environmentId.slice(-6)}/tags`);
    expect(await tags.json()).toEqual({ data: [{ name: "billing" }, { name: "ops" }] });
  });

  it("regenerates the key: the new one works and the old one is refused", async () => {
    const tenant = await createTenant();
    const res = await api(tenant)("/v1/environments/api-keys/regenerate", { method: "POST" });
    const { data } = await res.json<{ data: Array<{ key: string }> }>();
    const fresh = data[0]?.key ?? "";
    expect(fresh).not.toBe(tenant.secretKey);
    expect(
      (await call("/v1/environments/me", { headers: { authorization: `ApiKey ${fresh}` } })).status,
    ).toBe(200);
    expect((await api(tenant)("/v1/environments/me")).status).toBe(401);
  });

  it("deletes another environment, but not its own or the development one", async () => {
    const tenant = await createTenant();
    const server = api(tenant);
    const { data: staging } = await (
      await server("/v1/environments", { method: "POST", body: { name: "Staging", color: "#000" } })
    ).json<{ data: Environment }>();
    const stagingKey = staging.apiKeys[0]?.key ?? "";
    const asStaging = (path: string, method = "GET") =>
      call(path, { method, headers: { authorization: `ApiKey ${stagingKey}` } });

    expect((await asStaging(`/v1/environments/${staging._id}`, "DELETE")).status).toBe(400);
    expect((await asStaging(`/v1/environments/${tenant.environmentId}`, "DELETE")).status).toBe(400);
    expect((await server(`/v1/environments/${staging._id}`, { method: "DELETE" })).status).toBe(200);
    expect((await asStaging("/v1/environments/me")).status).toBe(401);
  });

  it("never shows or changes another organization's environments", async () => {
    const owner = await createTenant();
    const stranger = api(await createTenant());
    expect(
      (await stranger(`/v1/environments/${owner.environmentId}`, { method: "PUT", body: { name: "x" } }))
        .status,
    ).toBe(404);
    expect((await stranger(`/v1/environments/${owner.environmentId}`, { method: "DELETE" })).status).toBe(
      404,
    );
    expect((await stranger(`/v2/environments/${owner.environmentId}/tags`)).status).toBe(404);
    const { data } = await (await stranger("/v1/environments")).json<{ data: Environment[] }>();
    expect(data.map((e) => e._id)).not.toContain(owner.environmentId);
    expect(
      (await stranger("/v1/environments", { method: "POST", body: { name: "x", color: "red" } })).status,
    ).toBe(422);
  });
});
