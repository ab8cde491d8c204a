import { describe, expect, it } from "vitest";
import { pluralize } from "./filters";
import { inflect, plural, singular } from "./inflect";

describe("pluralize", () => {
  it("renders nothing for no items", () => {
    for (const item of [null, undefined, 0, -1, "0", "-5", "asdf", Number.NaN, false, [], {}]) {
      expect(pluralize(item, "item")).toBe("");
    }
  });

  it("counts numbers, numeric strings, booleans, arrays and objects", () => {
    expect(pluralize(1, "item")).toBe("1 item");
    expect(pluralize(2, "item")).toBe("2 items");
    expect(pluralize("10", "item")).toBe("10 items");
    expect(pluralize(true, "item")).toBe("1 item");
    expect(pluralize(["a", "b"], "event")).toBe("2 events");
    expect(pluralize({ a: 1 }, "property")).toBe("1 property");
    expect(pluralize({ a: 1, b: 2 }, "property")).toBe("2 properties");
    expect(pluralize(1.5, "apple")).toBe("1.5 apples");
  });

  it("uses the given plural, or English rules", () => {
    expect(pluralize(2, "child", "children")).toBe("2 children");
    expect(pluralize(1, "person", "people")).toBe("1 person");
    expect(pluralize(2, "berry")).toBe("2 berries");
    expect(pluralize(2, "leaf")).toBe("2 leaves");
    expect(pluralize(2, "child")).toBe("2 children");
    expect(pluralize(2, "person")).toBe("2 people");
    expect(pluralize(3, "box")).toBe("3 boxes");
  });

  it("can hide the count", () => {
    expect(pluralize(1, "item", "", "false")).toBe("item");
    expect(pluralize(2, "item", "", "false")).toBe("items");
    expect(pluralize(2, "child", "children", false)).toBe("children");
    expect(pluralize(0, "item", "", "false")).toBe("");
  });
});

describe("inflection", () => {
  it("pluralises and singularises, leaving words already in form and keeping case", () => {
    expect(plural("others")).toBe("others");
    expect(plural("Comment")).toBe("Comments");
    expect(plural("STATUS")).toBe("STATUSES");
    expect(plural("sheep")).toBe("sheep");
    expect(plural("knife")).toBe("knives");
    expect(singular("others")).toBe("other");
    expect(singular("berries")).toBe("berry");
    expect(singular("boxes")).toBe("box");
    expect(singular("horses")).toBe("horse");
    expect(singular("people")).toBe("person");
    expect(singular("status")).toBe("status");
  });
});

describe("inflect", () => {
  it("uses the singular for exactly one", () => {
    expect(inflect("others", 1)).toBe("other");
    expect(inflect("other", 0)).toBe("others");
    expect(inflect("comment", 2)).toBe("comments");
  });
});
