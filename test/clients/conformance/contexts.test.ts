// Contexts through @novu/api: create, list (cursor, search), retrieve, update, delete; then bad input, unknown ids
// and another environment's key.
import { describe, expect, it } from "vitest";
import { development, expectNotFound, expectRawInvalid, production, rejection, uniqueId } from "./helpers";

const run = uniqueId("ctx");

describe("contexts", () => {
  it("creates, lists, retrieves, updates and deletes contexts", async () => {
    const created = await development.contexts.create({
      type: "tenant",
      id: `${run}-acme`,
      data: { plan: "pro" },
    });
    expect(created.result).toMatchObject({ type: "tenant", id: `${run}-acme`, data: { plan: "pro" } });
    expect(Number.isNaN(Date.parse(created.result.createdAt))).toBe(false);
    await development.contexts.create({ type: "tenant", id: `${run}-globex`, data: {} });

    const page = await development.contexts.list({ search: run, limit: 1 });
    expect(page.result.data).toHaveLength(1);
    expect(page.result.next).toEqual(expect.any(String));
    const rest = await development.contexts.list({
      search: run,
      limit: 1,
      after: page.result.next ?? undefined,
    });
    expect([page.result.data[0]?.id, rest.result.data[0]?.id].sort()).toEqual([
      `${run}-acme`,
      `${run}-globex`,
    ]);

    const retrieved = await development.contexts.retrieve(`${run}-acme`, "tenant");
    expect(retrieved.result).toMatchObject({ type: "tenant", id: `${run}-acme`, data: { plan: "pro" } });

    const updated = await development.contexts.update({
      id: `${run}-acme`,
      type: "tenant",
      updateContextRequestDto: { data: { plan: "enterprise", seats: 50 } },
    });
    expect(updated.result.data).toEqual({ plan: "enterprise", seats: 50 });

    await development.contexts.delete(`${run}-globex`, "tenant");
    await expectNotFound(development.contexts.retrieve(`${run}-globex`, "tenant"));
  });

  it("refuses bad input, unknown ids and another environment's key", async () => {
    const id = `${run}-guarded`;
    await development.contexts.create({ type: "team", id, data: { owner: "dev" } });

    await expectRawInvalid("/v2/contexts", { body: { type: "team" } });
    await expectRawInvalid("/v2/contexts", { body: { type: "team", id: `${run}-x`, data: "flat" } });
    await expectRawInvalid("/v2/contexts", { body: { type: 3, id: `${run}-x` } });
    const duplicate = await rejection(development.contexts.create({ type: "team", id }));
    expect(duplicate.statusCode).toBe(409);

    await expectNotFound(development.contexts.retrieve(`${run}-ghost`, "team"));
    await expectNotFound(
      development.contexts.update({
        id: `${run}-ghost`,
        type: "team",
        updateContextRequestDto: { data: {} },
      }),
    );
    await expectNotFound(development.contexts.delete(`${run}-ghost`, "team"));

    await expectNotFound(production.contexts.retrieve(id, "team"));
    await expectNotFound(
      production.contexts.update({ id, type: "team", updateContextRequestDto: { data: { owner: "prod" } } }),
    );
    await expectNotFound(production.contexts.delete(id, "team"));
    expect((await production.contexts.list({ search: run })).result.data).toEqual([]);
    expect((await development.contexts.retrieve(id, "team")).result.data).toEqual({ owner: "dev" });
  });
});
