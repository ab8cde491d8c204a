// Layouts through @novu/api: create, list, retrieve, update, duplicate, preview, usage, delete; then bad input,
// unknown ids and another environment's key. The first layout of an environment becomes its default and wraps every
// email step, so this file works in an environment of its own.
import type { Novu } from "@novu/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNotFound, expectRawInvalid, isolatedEnvironment, production, uniqueId } from "./helpers";

const run = uniqueId("layouts");
const layoutId = `${run}-brand`;
const htmlEmail = {
  body: "<html><body><h1>Hi {{subscriber.firstName}}</h1><main>{{content}}</main></body></html>",
  editorType: "html" as const,
};
let env: Awaited<ReturnType<typeof isolatedEnvironment>>;
let isolated: Novu;
let environmentKey = "";

beforeAll(async () => {
  env = await isolatedEnvironment(run);
  ({ novu: isolated, secretKey: environmentKey } = env);
});
afterAll(async () => {
  await env?.remove();
});

describe("layouts", () => {
  it("creates, updates, duplicates, previews, reports usage and deletes", async () => {
    const created = await isolated.layouts.create({ layoutId, name: "Brand" });
    expect(created.result).toMatchObject({ layoutId, name: "Brand", isDefault: true, origin: "novu-cloud" });
    expect(created.result.id).toMatch(/^[0-9a-f]{24}$/);

    const updated = await isolated.layouts.update(
      { name: "Brand v2", controlValues: { email: htmlEmail } },
      layoutId,
    );
    expect(updated.result).toMatchObject({ name: "Brand v2" });
    expect(updated.result.controls.values.email).toEqual(htmlEmail);

    const copy = await isolated.layouts.duplicate({ name: "Brand copy" }, layoutId);
    expect(copy.result).toMatchObject({ name: "Brand copy", isDefault: false });
    expect(copy.result.layoutId).not.toBe(layoutId);

    const listed = await isolated.layouts.list({ orderBy: "name", orderDirection: "ASC", limit: 10 });
    expect(listed.result.totalCount).toBe(2);
    expect(listed.result.layouts.map((l) => l.name)).toEqual(["Brand copy", "Brand v2"]);

    const retrieved = await isolated.layouts.retrieve(created.result.id);
    expect(retrieved.result).toMatchObject({ layoutId, name: "Brand v2" });

    const preview = await isolated.layouts.generatePreview(
      { previewPayload: { subscriber: { firstName: "Sam" } } },
      layoutId,
    );
    expect(preview.result.result).toMatchObject({
      type: "email",
      preview: { body: expect.stringContaining("Hi Sam") },
    });

    await isolated.workflows.create({
      name: "Branded",
      workflowId: `${run}-mail`,
      steps: [{ name: "Mail", type: "email", controlValues: { subject: "s", body: "b", layoutId } }],
    });
    const usage = await isolated.layouts.usage(layoutId);
    expect(usage.result.workflows).toEqual([
      expect.objectContaining({ workflowId: `${run}-mail`, name: "Branded" }),
    ]);

    await isolated.layouts.delete(copy.result.layoutId);
    await expectNotFound(isolated.layouts.retrieve(copy.result.layoutId));
  });

  it("refuses bad input, unknown ids and another environment's key", async () => {
    const asIsolated = { secretKey: environmentKey };
    await expectRawInvalid("/v2/layouts", { ...asIsolated, body: { layoutId: `${run}-x` } });
    await expectRawInvalid("/v2/layouts", { ...asIsolated, body: { layoutId: `${run}-x`, name: 7 } });
    await expectRawInvalid(`/v2/layouts/${layoutId}`, {
      ...asIsolated,
      method: "PUT",
      body: { name: "x", controlValues: { email: { body: 1 } } },
    });

    const ghost = `${run}-ghost`;
    await expectNotFound(isolated.layouts.retrieve(ghost));
    await expectNotFound(isolated.layouts.update({ name: "x" }, ghost));
    await expectNotFound(isolated.layouts.delete(ghost));
    await expectNotFound(isolated.layouts.duplicate({ name: "x" }, ghost));
    await expectNotFound(isolated.layouts.generatePreview({}, ghost));
    await expectNotFound(isolated.layouts.usage(ghost));

    await expectNotFound(production.layouts.retrieve(layoutId));
    await expectNotFound(production.layouts.update({ name: "Prod" }, layoutId));
    await expectNotFound(production.layouts.delete(layoutId));
    expect((await production.layouts.list({ query: run })).result.layouts).toEqual([]);
    expect((await isolated.layouts.retrieve(layoutId)).result.name).toBe("Brand v2");
  });
});
