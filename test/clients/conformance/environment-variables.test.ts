// Environment variables through @novu/api: create, list (search), retrieve, update, usage, delete; then bad input,
// unknown keys, and what the production key sees. Variables are organization-wide keys with one value per
// environment, as in Novu, so the production key sees the key but not a workflow of development using it.
import { describe, expect, it } from "vitest";
import { development, expectNotFound, expectRawInvalid, production, uniqueId } from "./helpers";

const run = uniqueId("envvars").replaceAll("-", "_").toUpperCase();
const key = `${run}_BASE_URL`;

async function environmentIds() {
  const { result } = await development.environments.list();
  const id = (name: string) => result.find((e) => e.name === name)?.id ?? "";
  return { dev: id("Development"), prod: id("Production") };
}

describe("environment variables", () => {
  it("creates, lists, retrieves, updates, reports usage and deletes", async () => {
    const { dev, prod } = await environmentIds();
    const created = await development.environmentVariables.create({
      key,
      values: [
        { environmentId: dev, value: "https://dev.example.com" },
        { environmentId: prod, value: "https://example.com" },
      ],
    });
    expect(created.result).toMatchObject({ key, type: "string", isSecret: false });
    expect(created.result.id).toMatch(/^[0-9a-f]{24}$/);
    expect(created.result.values).toEqual(
      expect.arrayContaining([
        { environmentId: dev, value: "https://dev.example.com" },
        { environmentId: prod, value: "https://example.com" },
      ]),
    );

    const secret = await development.environmentVariables.create({
      key: `${run}_TOKEN`,
      isSecret: true,
      values: [{ environmentId: dev, value: "s3cret-value" }],
    });
    expect(secret.result.isSecret).toBe(true);
    expect(JSON.stringify(secret.result)).not.toContain("s3cret-value");

    const listed = await development.environmentVariables.list(run);
    expect(listed.result.map((v) => v.key).sort()).toEqual([key, `${run}_TOKEN`]);

    const retrieved = await development.environmentVariables.retrieve(key);
    expect(retrieved.result).toMatchObject({ id: created.result.id, key });

    const updated = await development.environmentVariables.update(
      { values: [{ environmentId: dev, value: "https://dev2.example.com" }] },
      key,
    );
    expect(updated.result.values).toContainEqual({ environmentId: dev, value: "https://dev2.example.com" });

    await development.workflows.create({
      name: "Uses env",
      workflowId: `${run.toLowerCase()}-uses`,
      steps: [{ name: "Inbox", type: "in_app", controlValues: { body: `Go to {{ env.${key} }}` } }],
    });
    const usage = await development.environmentVariables.usage(key);
    expect(usage.result.workflows).toEqual([{ name: "Uses env", workflowId: `${run.toLowerCase()}-uses` }]);
    // Production has no workflow that uses it.
    expect((await production.environmentVariables.usage(key)).result.workflows).toEqual([]);

    await development.environmentVariables.delete(`${run}_TOKEN`);
    await expectNotFound(development.environmentVariables.retrieve(`${run}_TOKEN`));
  });

  it("refuses bad input and unknown keys", async () => {
    await expectRawInvalid("/v1/environment-variables", { body: { key: "1STARTS_WITH_DIGIT" } });
    await expectRawInvalid("/v1/environment-variables", { body: { values: [] } });
    await expectRawInvalid("/v1/environment-variables", { body: { key: 42 } });
    const foreign = await development.environmentVariables
      .create({ key: `${run}_FOREIGN`, values: [{ environmentId: "000000000000000000000000", value: "x" }] })
      .then(
        () => undefined,
        (error: { statusCode?: number }) => error.statusCode,
      );
    expect(foreign).toBe(400);

    const ghost = `${run}_GHOST`;
    await expectNotFound(development.environmentVariables.retrieve(ghost));
    await expectNotFound(development.environmentVariables.update({ values: [] }, ghost));
    await expectNotFound(development.environmentVariables.delete(ghost));
    await expectNotFound(development.environmentVariables.usage(ghost));
    await expectNotFound(production.environmentVariables.retrieve(ghost));
  });
});
