import { describe, expect, it } from "vitest";
import { RevisionCache } from "./revision-cache";

type Row = { id: string; tags: string[] };
const row = (id: string): Row => ({ id, tags: ["a"] });

describe("RevisionCache", () => {
  it("serves a row only at the revision it was kept under", () => {
    const cache = new RevisionCache<Row>({ environments: 4, rowsPerEnvironment: 4 });
    cache.at("env", 1).set("x", row("x"));
    expect(cache.at("env", 1).get("x")).toEqual(row("x"));
    expect(cache.at("env", 2).has("x")).toBe(false);
    expect(cache.at("env", 1).has("x")).toBe(false);
    expect(cache.at("other", 1).has("x")).toBe(false);
  });

  it("keeps rows frozen, nested values included", () => {
    const kept = new RevisionCache<Row>({ environments: 1, rowsPerEnvironment: 1 })
      .at("env", 0)
      .set("x", row("x"));
    expect(() => {
      kept.tags.push("b");
    }).toThrow(TypeError);
    expect(Object.isFrozen(kept)).toBe(true);
  });

  it("holds at most its bounds, dropping the least recently used environment", () => {
    const cache = new RevisionCache<Row>({ environments: 2, rowsPerEnvironment: 2 });
    cache.at("a", 0).set("x", row("x"));
    cache.at("b", 0).set("x", row("x"));
    cache.at("a", 0);
    cache.at("c", 0).set("x", row("x"));
    expect([cache.at("a", 0).has("x"), cache.at("c", 0).has("x"), cache.at("b", 0).has("x")]).toEqual([
      true,
      true,
      false,
    ]);

    const rows = cache.at("d", 0);
    for (const id of ["x", "y", "z"]) rows.set(id, row(id));
    expect(["x", "y", "z"].map((id) => rows.has(id))).toEqual([false, false, true]);
  });
});
