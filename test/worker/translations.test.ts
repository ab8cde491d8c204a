import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { api, createTenant, inAppWorkflow, sdk } from "./fixtures";

type Translation = {
  resourceId: string;
  resourceType: string;
  locale: string;
  content: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
};

/** The official SDK, calling the Worker through its fetch handler. */

const jsonFile = (name: string, value: unknown) =>
  new File([typeof value === "string" ? value : JSON.stringify(value)], name, { type: "application/json" });

/** The SDK's own file shape: a name and the bytes, which it sends as multipart parts. */
const sdkFile = (fileName: string, value: unknown) => ({
  fileName,
  content: new TextEncoder().encode(JSON.stringify(value)),
});

/** A tenant with a workflow `onboarding` and a layout `brand`, plus helpers for JSON and multipart calls. */
async function setup() {
  const tenant = await createTenant();
  const server = api(tenant);
  await server("/v2/workflows", { method: "POST", body: inAppWorkflow("onboarding") });
  await server("/v2/layouts", { method: "POST", body: { layoutId: "brand", name: "Brand" } });
  const save = (body: Record<string, unknown>) => server("/v2/translations", { method: "POST", body });
  const upload = (path: string, form: FormData) =>
    SELF.fetch(`http://api.test${path}`, {
      method: "POST",
      headers: { authorization: `ApiKey ${tenant.secretKey}` },
      body: form,
    });
  return { tenant, server, save, upload };
}

const welcome = {
  resourceType: "workflow",
  resourceId: "onboarding",
  locale: "en_US",
  content: { hi: "Hello" },
};

describe("/v2/translations", () => {
  it("creates a translation with 200, then replaces its content", async () => {
    const { server, save } = await setup();
    const res = await save(welcome);
    expect(res.status).toBe(200);
    const { data } = await res.json<{ data: Translation }>();
    expect(data).toEqual({
      resourceType: "workflow",
      resourceId: "onboarding",
      locale: "en_US",
      content: { hi: "Hello" },
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      updatedAt: data.createdAt,
    });

    const replaced = await save({ ...welcome, content: { bye: "Goodbye" } });
    expect((await replaced.json<{ data: Translation }>()).data).toMatchObject({
      content: { bye: "Goodbye" },
      createdAt: data.createdAt,
    });
    const read = await server("/v2/translations/workflow/onboarding/en_US");
    expect(read.status).toBe(200);
    expect((await read.json<{ data: Translation }>()).data.content).toEqual({ bye: "Goodbye" });
  });

  it("stores translations under the resource's own identifier, for workflows and layouts", async () => {
    const { server, save } = await setup();
    const workflow = (await (await server("/v2/workflows/onboarding")).json()) as { data: { _id: string } };
    const byDbId = await save({ ...welcome, resourceId: workflow.data._id, locale: "de" });
    expect((await byDbId.json<{ data: Translation }>()).data.resourceId).toBe("onboarding");
    expect((await server("/v2/translations/workflow/onboarding/de")).status).toBe(200);

    const layout = await save({
      resourceType: "layout",
      resourceId: "brand",
      locale: "fr_FR",
      content: { a: "b" },
    });
    expect((await layout.json<{ data: Translation }>()).data).toMatchObject({
      resourceType: "layout",
      locale: "fr_FR",
    });
    expect((await server("/v2/translations/layout/brand/fr_FR")).status).toBe(200);
    expect((await server("/v2/translations/workflow/brand/fr_FR")).status).toBe(404);
  });

  it("answers 404 for unknown resources and translations", async () => {
    const { server, save } = await setup();
    const missing = await save({ ...welcome, resourceId: "nope" });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ statusCode: 404, message: "Workflow 'nope' was not found" });
    expect((await save({ ...welcome, resourceType: "layout" })).status).toBe(404);
    expect((await server("/v2/translations/workflow/onboarding/en_US")).status).toBe(404);
    expect((await server("/v2/translations/workflow/onboarding/en_US", { method: "DELETE" })).status).toBe(
      404,
    );
    expect((await server("/v2/translations/group/workflow/nope")).status).toBe(404);
  });

  it.each([
    ["a numeric locale", { ...welcome, locale: "123" }, "locale"],
    ["a hyphenated locale", { ...welcome, locale: "en-US" }, "locale"],
    ["an unknown resource type", { ...welcome, resourceType: "topic" }, "resourceType"],
    ["content that is not an object", { ...welcome, content: ["x"] }, "content"],
    ["no resourceId", { ...welcome, resourceId: undefined }, "resourceId"],
    ["content over 1 MB", { ...welcome, content: { big: "x".repeat(1_000_001) } }, "content"],
  ])("refuses %s with 422", async (_, body, field) => {
    const res = await (await setup()).save(body);
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ statusCode: 422, errors: { [field]: expect.any(Object) } });
  });

  it("refuses bad path parameters with 422", async () => {
    const { server } = await setup();
    expect((await server("/v2/translations/topic/onboarding/en_US")).status).toBe(422);
    expect((await server("/v2/translations/workflow/onboarding/english")).status).toBe(422);
  });

  it("groups a resource's locales, deletes one locale, then the whole group", async () => {
    const { server, save } = await setup();
    expect((await server("/v2/translations/group/workflow/onboarding")).status).toBe(404);
    for (const locale of ["fr_FR", "en_US", "es"]) await save({ ...welcome, locale });

    const group = await server("/v2/translations/group/workflow/onboarding");
    expect(group.status).toBe(200);
    expect(await group.json()).toEqual({
      data: {
        resourceId: "onboarding",
        resourceType: "workflow",
        resourceName: "Workflow onboarding",
        locales: ["en_US", "es", "fr_FR"],
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      },
    });

    expect((await server("/v2/translations/workflow/onboarding/es", { method: "DELETE" })).status).toBe(204);
    expect((await server("/v2/translations/workflow/onboarding/es")).status).toBe(404);
    expect(await (await server("/v2/translations/group/workflow/onboarding")).json()).toMatchObject({
      data: { locales: ["en_US", "fr_FR"] },
    });

    expect((await server("/v2/translations/workflow/onboarding", { method: "DELETE" })).status).toBe(204);
    expect((await server("/v2/translations/workflow/onboarding/en_US")).status).toBe(404);
    expect((await server("/v2/translations/group/workflow/onboarding")).status).toBe(404);
    expect((await server("/v2/translations/workflow/onboarding", { method: "DELETE" })).status).toBe(404);
  });

  it("exports a locale as master JSON, leaving out other locales", async () => {
    const { server, save } = await setup();
    await save(welcome);
    await save({ ...welcome, locale: "fr_FR", content: { hi: "Salut" } });
    await save({ resourceType: "layout", resourceId: "brand", locale: "en_US", content: { footer: "Bye" } });

    expect(await (await server("/v2/translations/master-json?locale=fr_FR")).json()).toEqual({
      data: { workflows: { onboarding: { hi: "Salut" } }, layouts: {} },
    });
    // Without a locale: the default, en_US.
    expect(await (await server("/v2/translations/master-json")).json()).toEqual({
      data: { workflows: { onboarding: { hi: "Hello" } }, layouts: { brand: { footer: "Bye" } } },
    });
    expect(await (await server("/v2/translations/master-json?locale=de_DE")).json()).toEqual({
      data: { workflows: {}, layouts: {} },
    });
    expect((await server("/v2/translations/master-json?locale=invalid-locale")).status).toBe(422);
  });

  it("imports master JSON, reporting resources it could not import", async () => {
    const { server } = await setup();
    const load = async (locale: string, masterJson: Record<string, unknown>) => {
      const res = await server("/v2/translations/master-json", {
        method: "POST",
        body: { locale, masterJson },
      });
      expect(res.status).toBe(200);
      return ((await res.json()) as { data: Record<string, unknown> }).data;
    };
    expect(
      await load("en_US", { workflows: { onboarding: { a: "1" } }, layouts: { brand: { b: "2" } } }),
    ).toEqual({
      success: true,
      message: expect.stringContaining("2 resource"),
      successful: ["onboarding", "brand"],
    });
    expect(await (await server("/v2/translations/layout/brand/en_US")).json()).toMatchObject({
      data: { content: { b: "2" } },
    });

    expect(await load("en_US", { workflows: { onboarding: { c: "3" }, ghost: { d: "4" } } })).toEqual({
      success: true,
      message: expect.stringContaining("Partial import completed"),
      successful: ["onboarding"],
      failed: ["ghost"],
    });
    // An import replaces the whole content of the locale.
    expect(await (await server("/v2/translations/workflow/onboarding/en_US")).json()).toMatchObject({
      data: { content: { c: "3" } },
    });
    expect(await load("en_US", { workflows: { ghost: {}, onboarding: "not an object" } })).toEqual({
      success: false,
      message: expect.stringContaining("Failed to import any resources"),
      failed: ["ghost", "onboarding"],
    });
    expect(await load("en_US", { workflows: {} })).toEqual({
      success: false,
      message: expect.stringContaining("No supported resources found"),
    });
    const bad = await server("/v2/translations/master-json", {
      method: "POST",
      body: { locale: "xx-1", masterJson: {} },
    });
    expect(bad.status).toBe(422);
  });

  it("uploads a master JSON file whose name is its locale", async () => {
    const { server, upload } = await setup();
    const form = (...files: File[]) => {
      const data = new FormData();
      for (const file of files) data.append("file", file);
      return data;
    };
    const master = { workflows: { onboarding: { hi: "Hallo" }, ghost: { x: "y" } } };
    const res = await upload("/v2/translations/master-json/upload", form(jsonFile("de_DE.json", master)));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      data: {
        success: true,
        message: expect.stringContaining("Partial import completed"),
        successful: ["onboarding"],
        failed: ["ghost"],
      },
    });
    expect(await (await server("/v2/translations/workflow/onboarding/de_DE")).json()).toMatchObject({
      data: { content: { hi: "Hallo" } },
    });

    for (const bad of [
      form(),
      form(jsonFile("en_US.json", master), jsonFile("fr_FR.json", master)),
      form(jsonFile("en_US-master.json", master)),
      form(jsonFile("en_US.txt", master)),
      form(jsonFile("en_US.json", "not json")),
      form(jsonFile("en_US.json", "")),
    ]) {
      const refused = await upload("/v2/translations/master-json/upload", bad);
      expect(refused.status).toBe(400);
      expect(await refused.json()).toMatchObject({ statusCode: 400, message: expect.any(String) });
    }
  });

  it("uploads per-locale files as files[] or files", async () => {
    const { server, upload } = await setup();
    const form = (
      field: string,
      files: File[],
      fields = { resourceId: "onboarding", resourceType: "workflow" },
    ) => {
      const data = new FormData();
      for (const [key, value] of Object.entries(fields)) data.append(key, value);
      for (const file of files) data.append(field, file);
      return data;
    };
    const bracketed = await upload(
      "/v2/translations/upload",
      form("files[]", [jsonFile("en_US.json", { a: "A" }), jsonFile("es.json", { a: "Á" })]),
    );
    expect(bracketed.status).toBe(200);
    expect(await bracketed.json()).toEqual({
      data: { totalFiles: 2, successfulUploads: 2, failedUploads: 0, errors: [] },
    });
    expect(await (await server("/v2/translations/group/workflow/onboarding")).json()).toMatchObject({
      data: { locales: ["en_US", "es"] },
    });

    const plain = await upload(
      "/v2/translations/upload",
      form("files", [jsonFile("fr_FR.json", { a: "À" }), jsonFile("it_IT.json", "{broken")]),
    );
    expect(await plain.json()).toEqual({
      data: {
        totalFiles: 2,
        successfulUploads: 1,
        failedUploads: 1,
        errors: ["Failed to process file 'it_IT.json': Invalid JSON"],
      },
    });
    expect(await (await server("/v2/translations/workflow/onboarding/fr_FR")).json()).toMatchObject({
      data: { content: { a: "À" } },
    });

    const layoutFields = { resourceId: "brand", resourceType: "layout" };
    const single = await upload(
      "/v2/translations/upload",
      form("files", [jsonFile("nl.json", { x: 1 })], layoutFields),
    );
    expect(await single.json()).toMatchObject({ data: { successfulUploads: 1 } });
  });

  it("refuses uploads with misnamed, unreadable or missing files, or an unknown resource", async () => {
    const { upload } = await setup();
    const form = (files: File[], fields: Record<string, string> = {}) => {
      const data = new FormData();
      for (const [key, value] of Object.entries({
        resourceId: "onboarding",
        resourceType: "workflow",
        ...fields,
      }))
        data.append(key, value);
      for (const file of files) data.append("files[]", file);
      return data;
    };
    const misnamed = await upload(
      "/v2/translations/upload",
      form([jsonFile("en_US.json", {}), jsonFile("invalid-name.json", {})]),
    );
    expect(misnamed.status).toBe(400);
    expect(await misnamed.json()).toMatchObject({
      message: "One or more files have invalid names or formats",
      errors: [expect.stringContaining("invalid-name.json")],
    });
    const unreadable = await upload("/v2/translations/upload", form([jsonFile("en_US.json", "[1]")]));
    expect(unreadable.status).toBe(400);
    expect(await unreadable.json()).toMatchObject({
      message: "No valid translation files were found",
      errors: ["Failed to process file 'en_US.json': the file must hold a JSON object"],
    });
    expect((await upload("/v2/translations/upload", form([]))).status).toBe(400);
    expect(
      (await upload("/v2/translations/upload", form([jsonFile("en.json", {})], { resourceId: "nope" })))
        .status,
    ).toBe(404);

    const noResource = new FormData();
    noResource.append("files[]", jsonFile("en_US.json", {}));
    const invalid = await upload("/v2/translations/upload", noResource);
    expect(invalid.status).toBe(422);
    expect(await invalid.json()).toMatchObject({
      errors: { resourceId: expect.any(Object), resourceType: expect.any(Object) },
    });
  });

  it("is scoped to the key's environment", async () => {
    const owner = await setup();
    const stranger = await setup();
    await owner.save(welcome);
    // The stranger has its own `onboarding` workflow: it sees none of the owner's translations.
    expect((await stranger.server("/v2/translations/workflow/onboarding/en_US")).status).toBe(404);
    expect((await stranger.server("/v2/translations/group/workflow/onboarding")).status).toBe(404);
    expect(
      (await stranger.server("/v2/translations/workflow/onboarding/en_US", { method: "DELETE" })).status,
    ).toBe(404);
    expect((await stranger.server("/v2/translations/workflow/onboarding", { method: "DELETE" })).status).toBe(
      404,
    );
    expect(await (await stranger.server("/v2/translations/master-json")).json()).toEqual({
      data: { workflows: {}, layouts: {} },
    });
    // A workflow only the owner has cannot be translated with the stranger's key.
    await owner.server("/v2/workflows", { method: "POST", body: inAppWorkflow("owner-only") });
    expect((await stranger.save({ ...welcome, resourceId: "owner-only" })).status).toBe(404);
    const imported = await stranger.server("/v2/translations/master-json", {
      method: "POST",
      body: { locale: "en_US", masterJson: { workflows: { "owner-only": { a: "b" } } } },
    });
    expect(await imported.json()).toMatchObject({ data: { success: false, failed: ["owner-only"] } });
    expect((await owner.server("/v2/translations/workflow/onboarding/en_US")).status).toBe(200);
  });

  it("round-trips through the official SDK, multipart uploads included", async () => {
    const { tenant } = await setup();
    const novu = sdk(tenant);
    const created = await novu.translations.create({
      resourceId: "onboarding",
      resourceType: "workflow",
      locale: "en_US",
      content: { hi: "Hello" },
    });
    expect(created).toMatchObject({ resourceId: "onboarding", locale: "en_US", content: { hi: "Hello" } });
    const uploaded = await novu.translations.upload({
      resourceId: "onboarding",
      resourceType: "workflow",
      files: [sdkFile("fr_FR.json", { hi: "Salut" })],
    });
    expect(uploaded).toEqual({ totalFiles: 1, successfulUploads: 1, failedUploads: 0, errors: [] });
    const master = await novu.translations.master.upload({
      file: sdkFile("es_ES.json", { layouts: { brand: { hi: "Hola" } } }),
    });
    expect(master).toMatchObject({ success: true, successful: ["brand"] });
    expect(await novu.translations.master.retrieve("fr_FR")).toEqual({
      workflows: { onboarding: { hi: "Salut" } },
      layouts: {},
    });
    const imported = await novu.translations.master.import({
      locale: "de",
      masterJson: { layouts: { brand: {} } },
    });
    expect(imported.success).toBe(true);
    const group = await novu.translations.groups.retrieve("workflow", "onboarding");
    expect(group).toMatchObject({ resourceName: "Workflow onboarding", locales: ["en_US", "fr_FR"] });
    const spanish = await novu.translations.retrieve({
      resourceType: "layout",
      resourceId: "brand",
      locale: "es_ES",
    });
    expect(spanish.content).toEqual({ hi: "Hola" });
    await novu.translations.delete({ resourceType: "workflow", resourceId: "onboarding", locale: "fr_FR" });
    await novu.translations.groups.delete("workflow", "onboarding");
    await expect(
      novu.translations.retrieve({ resourceType: "workflow", resourceId: "onboarding", locale: "en_US" }),
    ).rejects.toMatchObject({ statusCode: 404 });
  });
});
