// Environments through @novu/api: list, create (key shown once), update, tags, v2 diff and publish, delete; then bad
// input, unknown ids and what another environment's key can see. Changes happen in an environment this file creates,
// never in the Development/Production pair other suites share.
import { describe, expect, it } from "vitest";
import {
  client,
  development,
  expectInvalid,
  expectNotFound,
  expectRawInvalid,
  inAppWorkflow,
  production,
  uniqueId,
} from "./helpers";

const run = uniqueId("envs");
const workflowId = `${run}-wf`;
const missingId = "000000000000000000000000";

async function developmentId() {
  const { result } = await development.environments.list();
  return result.find((e) => e.name === "Development")?.id ?? "";
}

describe("environments", () => {
  it("lists, creates, updates, diffs, publishes to and deletes an environment", async () => {
    const listed = await development.environments.list();
    const names = listed.result.map((e) => e.name);
    expect(names).toEqual(expect.arrayContaining(["Development", "Production"]));
    const dev = listed.result.find((e) => e.name === "Development");
    expect(dev).toMatchObject({
      type: "dev",
      identifier: expect.any(String),
      organizationId: expect.any(String),
    });
    // Keys are masked in lists.
    expect(dev?.apiKeys?.[0]?.key).toMatch(/^\*+.{4}$/);

    const created = await development.environments.create({ name: run, color: "#0f0f0f" });
    expect(created.result).toMatchObject({ name: run, organizationId: dev?.organizationId });
    const targetId = created.result.id;
    const key = created.result.apiKeys?.[0]?.key ?? "";
    expect(key).toMatch(/^[0-9a-f]{32}$/);
    const target = client(key);
    try {
      const updated = await development.environments.update(
        { name: `${run}-renamed`, color: "#00ff00" },
        targetId,
      );
      expect(updated.result).toMatchObject({ id: targetId, name: `${run}-renamed` });

      await development.workflows.create({
        name: "Tagged",
        workflowId,
        active: true,
        tags: [`${run}-tag`],
        steps: [{ name: "Inbox", type: "in_app", controlValues: { body: "hi" } }],
      });
      const tags = await development.environments.getTags(dev?.id ?? "");
      expect(tags.result).toContainEqual({ name: `${run}-tag` });

      await expectNotFound(target.workflows.get(workflowId));
      const diff = await development.environments.diff({}, targetId);
      expect(diff.result).toMatchObject({ sourceEnvironmentId: dev?.id, targetEnvironmentId: targetId });
      expect(diff.result.summary.hasChanges).toBe(true);
      const mine = diff.result.resources.find((r) => r.sourceResource?.id === workflowId);
      expect(mine).toMatchObject({
        resourceType: "REGULAR",
        changes: [expect.objectContaining({ action: "added" })],
      });

      const dry = await development.environments.publish(
        { dryRun: true, resources: [{ resourceType: "REGULAR", resourceId: workflowId }] },
        targetId,
      );
      expect(dry.result.summary).toMatchObject({ resources: 1, successful: 1, failed: 0 });
      await expectNotFound(target.workflows.get(workflowId));

      const published = await development.environments.publish(
        { resources: [{ resourceType: "REGULAR", resourceId: workflowId }] },
        targetId,
      );
      expect(published.result.summary).toMatchObject({ resources: 1, successful: 1, failed: 0 });
      expect(published.result.results[0]?.successful[0]).toMatchObject({ resourceId: workflowId });
      expect((await target.workflows.get(workflowId)).result).toMatchObject({ workflowId, name: "Tagged" });
    } finally {
      await development.environments.delete(targetId);
    }
    const after = await development.environments.list();
    expect(after.result.map((e) => e.id)).not.toContain(targetId);
  });

  it("refuses bad input, unknown ids, and keeps tags per environment", async () => {
    await expectRawInvalid("/v1/environments", { body: { color: "#000000" } });
    await expectRawInvalid("/v1/environments", { body: { name: 42, color: "#000000" } });
    await expectInvalid(development.environments.create({ name: "", color: "#000000" }));

    await expectNotFound(development.environments.update({ name: "x" }, missingId));
    await expectNotFound(development.environments.delete(missingId));
    await expectNotFound(development.environments.getTags(missingId));
    await expectNotFound(development.environments.diff({}, missingId));
    await expectNotFound(development.environments.publish({}, missingId));

    // A tag used only in development is not one of production's.
    await inAppWorkflow(development, `${run}-tags`);
    await development.workflows.patch({ tags: [`${run}-dev-only`] }, `${run}-tags`);
    const prodList = await production.environments.list();
    const prodId = prodList.result.find((e) => e.name === "Production")?.id ?? "";
    const prodTags = await production.environments.getTags(prodId);
    expect(prodTags.result).not.toContainEqual({ name: `${run}-dev-only` });
    expect((await development.environments.getTags(await developmentId())).result).toContainEqual({
      name: `${run}-dev-only`,
    });
  });
});
