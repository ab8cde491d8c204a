import { describe, expect, it } from "vitest";
import { api, createTenant, sdk } from "./fixtures";

type Layout = {
  _id: string;
  layoutId: string;
  slug: string;
  name: string;
  isDefault: boolean;
  isTranslationEnabled: boolean;
  createdAt: string;
  updatedAt: string;
  origin: string;
  type: string;
  controls: { dataSchema?: unknown; values: { email?: { body: string; editorType: string } } };
};

const html = (inner: string) => `<html><body><h1>Hi {{subscriber.firstName}}</h1>${inner}</body></html>`;
const htmlEmail = { body: html("<main>{{content}}</main>"), editorType: "html" as const };
const placeholder = "Your email content will be displayed here";

async function setup() {
  const server = api(await createTenant());
  const create = async (layoutId: string, name = `Layout ${layoutId}`) => {
    const res = await server("/v2/layouts", { method: "POST", body: { layoutId, name } });
    expect(res.status).toBe(201);
    return (await res.json<{ data: Layout }>()).data;
  };
  const read = async (path: string) => (await (await server(path)).json<{ data: Layout }>()).data;
  return { server, create, read };
}

const emailWorkflow = (workflowId: string, layoutId?: string) => ({
  name: `Workflow ${workflowId}`,
  workflowId,
  steps: [
    { name: "Email", type: "email", controlValues: { subject: "Hi", body: "Body", layoutId } },
    { name: "In-App", type: "in_app", controlValues: { body: "x", layoutId } },
  ],
});

describe("/v2/layouts", () => {
  it("creates the environment's default layout first, then regular ones", async () => {
    const { server, create } = await setup();
    const res = await server("/v2/layouts", { method: "POST", body: { layoutId: "brand", name: "Brand" } });
    expect(res.status).toBe(201);
    const { data } = await res.json<{ data: Layout }>();
    expect(data).toEqual({
      _id: expect.stringMatching(/^[0-9a-f]{24}$/),
      layoutId: "brand",
      slug: `brand_ly_${data._id}`,
      name: "Brand",
      isDefault: true,
      isTranslationEnabled: false,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      updatedAt: data.createdAt,
      origin: "novu-cloud",
      type: "BRIDGE",
      controls: { dataSchema: expect.objectContaining({ type: "object" }), values: {} },
    });
    const second = await create("plain");
    expect(second.isDefault).toBe(false);

    const again = await server("/v2/layouts", { method: "POST", body: { layoutId: "brand", name: "Other" } });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({
      statusCode: 409,
      path: "/v2/layouts",
      message: "Layout with layoutId 'brand' already exists",
    });

    for (const id of ["brand", data._id]) {
      const got = await server(`/v2/layouts/${id}`);
      expect(got.status).toBe(200);
      expect(await got.json()).toEqual({ data });
    }
    expect((await server("/v2/layouts/missing")).status).toBe(404);
  });

  it.each([
    ["no name", { layoutId: "a" }],
    ["a layoutId with spaces", { layoutId: "a b", name: "n" }],
    ["an empty name", { layoutId: "a", name: " " }],
  ])("refuses a layout with %s (422)", async (_, body) => {
    const res = await api(await createTenant())("/v2/layouts", { method: "POST", body });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ statusCode: 422, errors: expect.any(Object) });
  });

  it("updates name, translations and the email body; null clears the controls", async () => {
    const { server, create, read } = await setup();
    await create("brand");
    const put = await server("/v2/layouts/brand", {
      method: "PUT",
      body: { name: "Renamed", isTranslationEnabled: true, controlValues: { email: htmlEmail } },
    });
    expect(put.status).toBe(200);
    const { data } = await put.json<{ data: Layout }>();
    expect(data).toMatchObject({
      name: "Renamed",
      isTranslationEnabled: true,
      isDefault: true,
      controls: { values: { email: htmlEmail } },
    });
    expect(data.slug).toBe(`renamed_ly_${data._id}`);

    await server("/v2/layouts/brand", { method: "PUT", body: { name: "Kept" } });
    expect(await read("/v2/layouts/brand")).toMatchObject({
      name: "Kept",
      isTranslationEnabled: true,
      controls: { values: { email: htmlEmail } },
    });
    await server("/v2/layouts/brand", { method: "PUT", body: { name: "Kept", controlValues: null } });
    expect((await read("/v2/layouts/brand")).controls.values).toEqual({});
    expect((await server("/v2/layouts/nope", { method: "PUT", body: { name: "x" } })).status).toBe(404);
  });

  it.each([
    ["HTML that is not a document", { body: "<p>{{content}}</p>", editorType: "html" }, "valid HTML"],
    ["HTML without {{content}}", { body: html("nothing"), editorType: "html" }, '"content" variable'],
    ["blocks that are not Maily JSON", { body: "{{content}}", editorType: "block" }, "Maily JSON"],
    [
      "blocks without the content variable",
      { body: '{"type":"doc","content":[]}', editorType: "block" },
      "content",
    ],
  ])("refuses an email body of %s (400)", async (_, email, message) => {
    const { server, create } = await setup();
    await create("brand");
    const res = await server("/v2/layouts/brand", {
      method: "PUT",
      body: { name: "n", controlValues: { email } },
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toContain(message);
  });

  it("refuses an unknown editor type with 422", async () => {
    const { server, create } = await setup();
    await create("brand");
    const body = { name: "n", controlValues: { email: { body: "x", editorType: "mjml" } } };
    const res = await server("/v2/layouts/brand", { method: "PUT", body });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({
      errors: { "controlValues.email.editorType": expect.any(Object) },
    });
  });

  it("lists with search, ordering and offset pages", async () => {
    const { server, create } = await setup();
    await create("c-layout", "Charlie");
    await create("a-layout", "Alpha");
    await create("b-layout", "Bravo");
    const page = async (query: string) =>
      (
        await (
          await server(`/v2/layouts?${query}`)
        ).json<{ data: { layouts: Layout[]; totalCount: number } }>()
      ).data;
    const byName = await page("orderBy=name&orderDirection=ASC&limit=2");
    expect(byName.totalCount).toBe(3);
    expect(byName.layouts.map((l) => l.name)).toEqual(["Alpha", "Bravo"]);
    expect(
      (await page("orderBy=name&orderDirection=ASC&limit=2&offset=2")).layouts.map((l) => l.name),
    ).toEqual(["Charlie"]);
    expect((await page("")).layouts.map((l) => l.layoutId)).toEqual(["b-layout", "a-layout", "c-layout"]);
    const search = await page("query=brav");
    expect(search).toMatchObject({ totalCount: 1, layouts: [{ layoutId: "b-layout" }] });
    expect((await server("/v2/layouts?orderBy=slug")).status).toBe(422);
    expect((await server("/v2/layouts?limit=0")).status).toBe(422);
  });

  it("refuses to delete the default layout, deletes others and unlinks them from workflows", async () => {
    const { server, create } = await setup();
    await create("default");
    const used = await create("used");
    await server("/v2/workflows", { method: "POST", body: emailWorkflow("welcome", "used") });

    const refused = await server("/v2/layouts/default", { method: "DELETE" });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { message: string }).message).toContain("default layout");

    expect((await server(`/v2/layouts/${used._id}`, { method: "DELETE" })).status).toBe(204);
    expect((await server("/v2/layouts/used")).status).toBe(404);
    expect((await server("/v2/layouts/used", { method: "DELETE" })).status).toBe(404);
    const workflow = (await (await server("/v2/workflows/welcome")).json()) as {
      data: { steps: Array<{ type: string; controlValues: Record<string, unknown> }> };
    };
    expect(workflow.data.steps[0]?.controlValues).toEqual({ subject: "Hi", body: "Body" });
    // Only email steps use layouts: the in-app step's own field is left alone.
    expect(workflow.data.steps[1]?.controlValues).toEqual({ body: "x", layoutId: "used" });
  });

  it("duplicates a layout's controls under a derived or given identifier", async () => {
    const { server, create } = await setup();
    await create("brand");
    await server("/v2/layouts/brand", {
      method: "PUT",
      body: { name: "Brand", controlValues: { email: htmlEmail } },
    });
    const copy = async (body: Record<string, unknown>, from = "brand") =>
      server(`/v2/layouts/${from}/duplicate`, { method: "POST", body });

    const first = await copy({ name: "Brand Copy" });
    expect(first.status).toBe(201);
    expect((await first.json<{ data: Layout }>()).data).toMatchObject({
      layoutId: "brand-copy",
      name: "Brand Copy",
      isDefault: false,
      controls: { values: { email: htmlEmail } },
    });
    expect((await (await copy({ name: "Brand copy" })).json<{ data: Layout }>()).data.layoutId).toBe(
      "brand-copy-2",
    );
    expect((await copy({ name: "X", layoutId: "mine" })).status).toBe(201);
    expect((await copy({ name: "Y", layoutId: "mine" })).status).toBe(409);
    expect((await copy({ name: "Z" }, "missing")).status).toBe(404);
    expect((await copy({})).status).toBe(422);
  });

  it("copies translations when the duplicate enables them, and deletes them with the layout", async () => {
    const { server, create } = await setup();
    await create("default");
    await create("brand");
    const content = { footer: "Merci" };
    const saved = await server("/v2/translations", {
      method: "POST",
      body: { resourceType: "layout", resourceId: "brand", locale: "fr_FR", content },
    });
    expect(saved.status).toBe(200);
    await server("/v2/layouts/brand/duplicate", {
      method: "POST",
      body: { name: "Copy", layoutId: "copy", isTranslationEnabled: true },
    });
    await server("/v2/layouts/brand/duplicate", { method: "POST", body: { name: "Bare", layoutId: "bare" } });
    expect(await (await server("/v2/translations/layout/copy/fr_FR")).json()).toMatchObject({
      data: { content },
    });
    expect((await server("/v2/translations/layout/bare/fr_FR")).status).toBe(404);

    expect((await server("/v2/layouts/copy", { method: "DELETE" })).status).toBe(204);
    expect((await server("/v2/translations/layout/copy/fr_FR")).status).toBe(404);
    expect((await server("/v2/translations/layout/brand/fr_FR")).status).toBe(200);
  });

  it("renders a preview with the subscriber and a content placeholder", async () => {
    const { server, create } = await setup();
    await create("brand");
    await server("/v2/layouts/brand", {
      method: "PUT",
      body: { name: "Brand", controlValues: { email: htmlEmail } },
    });
    const preview = (body: unknown, id = "brand") =>
      server(`/v2/layouts/${id}/preview`, { method: "POST", body });

    const withPayload = await preview({ previewPayload: { subscriber: { firstName: "Alice" } } });
    expect(withPayload.status).toBe(201);
    const { data } = await withPayload.json<{
      data: { result: { type: string; preview: { body: string } } };
    }>();
    expect(data).toMatchObject({
      previewPayloadExample: { subscriber: { firstName: "Alice" } },
      result: { type: "email" },
    });
    expect(data.result.preview.body).toMatch(/^<html><body><h1>Hi Alice<\/h1><main><div[^>]*>/);
    expect(data.result.preview.body).toContain(placeholder);

    expect(await (await preview({})).json()).toMatchObject({
      data: {
        previewPayloadExample: { subscriber: { firstName: "{{subscriber.firstName}}" } },
        result: { preview: { body: expect.stringContaining("<h1>Hi {{subscriber.firstName}}</h1>") } },
      },
    });
    const custom = {
      email: {
        body: "<html><body>Yo {{ subscriber.lastName }}{{ content }}</body></html>",
        editorType: "html",
      },
    };
    const overridden = await preview({
      controlValues: custom,
      previewPayload: { subscriber: { lastName: "Doe" } },
    });
    expect(await overridden.json()).toMatchObject({
      data: { result: { preview: { body: expect.stringMatching(/^<html><body>Yo Doe<div/) } } },
    });
    const broken = { email: { body: "<html><body>{% if %}</body></html>", editorType: "html" } };
    expect(await (await preview({ controlValues: broken })).json()).toEqual({
      data: { previewPayloadExample: {}, result: { type: "email" } },
    });
    expect((await preview({}, "missing")).status).toBe(404);
  });

  it("previews a block layout as Maily JSON with its variables resolved", async () => {
    const { server, create } = await setup();
    await create("blocks");
    const doc = {
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [{ type: "variable", attrs: { id: "subscriber.firstName", fallback: "you" } }],
        },
        { type: "paragraph", content: [{ type: "variable", attrs: { id: "content" } }] },
      ],
    };
    const email = { body: JSON.stringify(doc), editorType: "block" };
    expect(
      (await server("/v2/layouts/blocks", { method: "PUT", body: { name: "B", controlValues: { email } } }))
        .status,
    ).toBe(200);
    const res = await server("/v2/layouts/blocks/preview", {
      method: "POST",
      body: { previewPayload: { subscriber: { firstName: "Zoe" } } },
    });
    const { data } = await res.json<{ data: { result: { preview: { body: string } } } }>();
    const rendered = JSON.parse(data.result.preview.body) as typeof doc;
    expect(rendered.content[0]?.content).toEqual([{ type: "text", text: "Zoe" }]);
    expect(rendered.content[1]?.content[0]).toMatchObject({
      type: "text",
      text: expect.stringContaining(placeholder),
    });
  });

  it("reports the workflows whose email steps use the layout", async () => {
    const { server, create } = await setup();
    const layout = await create("brand");
    await server("/v2/workflows", { method: "POST", body: emailWorkflow("by-id", "brand") });
    await server("/v2/workflows", { method: "POST", body: emailWorkflow("by-db-id", layout._id) });
    await server("/v2/workflows", { method: "POST", body: emailWorkflow("other", "something-else") });
    const inAppOnly = { name: "In-app", workflowId: "in-app", steps: [emailWorkflow("x", "brand").steps[1]] };
    await server("/v2/workflows", { method: "POST", body: inAppOnly });

    const res = await server("/v2/layouts/brand/usage");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      data: {
        workflows: [
          { name: "Workflow by-id", workflowId: "by-id" },
          { name: "Workflow by-db-id", workflowId: "by-db-id" },
        ],
      },
    });
    expect((await server("/v2/layouts/missing/usage")).status).toBe(404);
  });

  it("is scoped to the key's environment", async () => {
    const owner = await setup();
    const stranger = await setup();
    const mine = await owner.create("mine");
    for (const path of ["/v2/layouts/mine", `/v2/layouts/${mine._id}`, "/v2/layouts/mine/usage"]) {
      expect((await stranger.server(path)).status).toBe(404);
    }
    expect((await stranger.server("/v2/layouts/mine", { method: "PUT", body: { name: "x" } })).status).toBe(
      404,
    );
    expect((await stranger.server("/v2/layouts/mine", { method: "DELETE" })).status).toBe(404);
    expect(
      (await stranger.server("/v2/layouts/mine/duplicate", { method: "POST", body: { name: "x" } })).status,
    ).toBe(404);
    expect((await stranger.server("/v2/layouts/mine/preview", { method: "POST", body: {} })).status).toBe(
      404,
    );
    expect(await (await stranger.server("/v2/layouts")).json()).toEqual({
      data: { layouts: [], totalCount: 0 },
    });
    // The same identifier is free in another environment, where it becomes that environment's default.
    expect((await stranger.create("mine")).isDefault).toBe(true);
    expect((await owner.read("/v2/layouts/mine"))._id).toBe(mine._id);
  });

  it("round-trips through the official SDK", async () => {
    const tenant = await createTenant();
    const novu = sdk(tenant);
    const created = await novu.layouts.create({ layoutId: "sdk", name: "SDK layout" });
    expect(created.result).toMatchObject({
      layoutId: "sdk",
      isDefault: true,
      origin: "novu-cloud",
      type: "BRIDGE",
    });
    const updated = await novu.layouts.update(
      { name: "SDK layout", controlValues: { email: htmlEmail } },
      "sdk",
    );
    expect(updated.result.controls.values.email).toEqual(htmlEmail);
    const copy = await novu.layouts.duplicate({ name: "SDK copy" }, "sdk");
    expect(copy.result).toMatchObject({ layoutId: "sdk-copy", isDefault: false });
    const listed = await novu.layouts.list({ orderBy: "name", orderDirection: "ASC" });
    expect(listed.result.layouts.map((l) => l.layoutId)).toEqual(["sdk-copy", "sdk"]);
    expect(listed.result.totalCount).toBe(2);
    const preview = await novu.layouts.generatePreview(
      { previewPayload: { subscriber: { firstName: "Sam" } } },
      "sdk",
    );
    expect(preview.result.result).toMatchObject({
      type: "email",
      preview: { body: expect.stringContaining("Hi Sam") },
    });
    expect((await novu.layouts.usage("sdk")).result).toEqual({ workflows: [] });
    await novu.layouts.delete("sdk-copy");
    expect((await novu.layouts.retrieve("sdk")).result.name).toBe("SDK layout");
  });
});
