// Translations through @novu/api: create/upsert, retrieve, delete, groups, master JSON (retrieve, import, upload) and
// file upload; then bad input, unknown resources and another environment's key.
import { describe, expect, it } from "vitest";
import {
  development,
  expectNotFound,
  expectRawInvalid,
  inAppWorkflow,
  production,
  rejection,
  uniqueId,
} from "./helpers";

const run = uniqueId("i18n");
const workflowId = `${run}-wf`;
// A locale of this run's own, so the environment-wide master JSON holds only this file's strings under it.
const locale = "ga_IE";
const jsonFile = (fileName: string, value: unknown) => ({
  fileName,
  content: new TextEncoder().encode(JSON.stringify(value)),
});

describe("translations", () => {
  it("creates, retrieves, groups, uploads, imports and deletes translations", async () => {
    await inAppWorkflow(development, workflowId);
    const created = await development.translations.create({
      resourceId: workflowId,
      resourceType: "workflow",
      locale: "en_US",
      content: { hello: "Hello" },
    });
    expect(created).toMatchObject({ resourceId: workflowId, resourceType: "workflow", locale: "en_US" });
    expect(created.content).toEqual({ hello: "Hello" });
    expect(Number.isNaN(Date.parse(created.createdAt))).toBe(false);

    const upserted = await development.translations.create({
      resourceId: workflowId,
      resourceType: "workflow",
      locale: "en_US",
      content: { hello: "Hello!", bye: "Bye" },
    });
    expect(upserted.content).toEqual({ hello: "Hello!", bye: "Bye" });

    const uploaded = await development.translations.upload({
      resourceId: workflowId,
      resourceType: "workflow",
      files: [jsonFile("fr_FR.json", { hello: "Bonjour" })],
    });
    expect(uploaded).toEqual({ totalFiles: 1, successfulUploads: 1, failedUploads: 0, errors: [] });

    const french = await development.translations.retrieve({
      resourceType: "workflow",
      resourceId: workflowId,
      locale: "fr_FR",
    });
    expect(french).toMatchObject({ locale: "fr_FR", content: { hello: "Bonjour" } });

    const group = await development.translations.groups.retrieve("workflow", workflowId);
    expect(group).toMatchObject({ resourceId: workflowId, resourceType: "workflow" });
    expect([...group.locales].sort()).toEqual(["en_US", "fr_FR"]);

    const imported = await development.translations.master.import({
      locale,
      masterJson: { workflows: { [workflowId]: { hello: "Dia duit" } } },
    });
    expect(imported).toMatchObject({ success: true, successful: [workflowId] });
    const master = await development.translations.master.retrieve(locale);
    expect(master.workflows).toMatchObject({ [workflowId]: { hello: "Dia duit" } });

    const masterUpload = await development.translations.master.upload({
      file: jsonFile(`${locale}.json`, { workflows: { [workflowId]: { hello: "Haigh" } } }),
    });
    expect(masterUpload).toMatchObject({ success: true, successful: [workflowId] });
    expect((await development.translations.master.retrieve(locale)).workflows).toMatchObject({
      [workflowId]: { hello: "Haigh" },
    });

    await development.translations.delete({
      resourceType: "workflow",
      resourceId: workflowId,
      locale: "fr_FR",
    });
    await expectNotFound(
      development.translations.retrieve({
        resourceType: "workflow",
        resourceId: workflowId,
        locale: "fr_FR",
      }),
    );
    await development.translations.groups.delete("workflow", workflowId);
    await expectNotFound(development.translations.groups.retrieve("workflow", workflowId));
  });

  it("refuses bad input, unknown resources and another environment's key", async () => {
    const guarded = `${run}-guarded`;
    await inAppWorkflow(development, guarded);
    await development.translations.create({
      resourceId: guarded,
      resourceType: "workflow",
      locale: "en_US",
      content: { hi: "Hi" },
    });

    await expectRawInvalid("/v2/translations", {
      body: { resourceId: guarded, resourceType: "workflow", locale: "en_US" },
    });
    await expectRawInvalid("/v2/translations", {
      body: { resourceId: guarded, resourceType: "workflow", locale: "en_US", content: "not an object" },
    });
    await expectRawInvalid("/v2/translations", {
      body: { resourceId: guarded, resourceType: "carrier", locale: "en_US", content: {} },
    });

    const unknownWorkflow = await rejection(
      development.translations.create({
        resourceId: `${run}-ghost`,
        resourceType: "workflow",
        locale: "en_US",
        content: {},
      }),
    );
    expect([400, 404]).toContain(unknownWorkflow.statusCode);
    await expectNotFound(
      development.translations.retrieve({ resourceType: "workflow", resourceId: guarded, locale: "de_DE" }),
    );
    await expectNotFound(development.translations.groups.retrieve("workflow", `${run}-ghost`));

    await expectNotFound(
      production.translations.retrieve({ resourceType: "workflow", resourceId: guarded, locale: "en_US" }),
    );
    await expectNotFound(production.translations.groups.retrieve("workflow", guarded));
    const prodMaster = await production.translations.master.retrieve("en_US");
    expect(prodMaster.workflows).not.toHaveProperty(guarded);
    expect(
      (
        await development.translations.retrieve({
          resourceType: "workflow",
          resourceId: guarded,
          locale: "en_US",
        })
      ).content,
    ).toEqual({ hi: "Hi" });
  });
});
