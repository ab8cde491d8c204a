import { Liquid } from "liquidjs";
import { describe, expect, it } from "vitest";
import { digest, json, registerNovuFilters, toSentence } from "./filters";

const names = ["John", "Josh", "Sarah", "Mike"];

describe("digest", () => {
  it("is empty for nothing", () => {
    expect(digest(null)).toBe("");
    expect(digest(undefined)).toBe("");
    expect(digest([])).toBe("");
    expect(digest("John")).toBe("");
  });

  it("summarises names, then others (Novu's examples)", () => {
    expect(digest(["John"])).toBe("John");
    expect(digest(["John", "Josh"])).toBe("John and Josh");
    expect(digest(["John", "Josh"], 1)).toBe("John and Josh");
    expect(digest(["John", "Josh", "Sarah"])).toBe("John, Josh and 1 other");
    expect(digest(["John", "Josh", "Sarah"], 3)).toBe("John, Josh and Sarah");
    expect(digest(names)).toBe("John, Josh and 2 others");
    expect(digest(names, 4)).toBe("John, Josh, Sarah and Mike");
    expect(digest([...names, "Emma"], 10)).toBe("John, Josh, Sarah, Mike and Emma");
    expect(digest(names, 4, undefined, " • ")).toBe("John • Josh • Sarah and Mike");
    expect(digest(names, 2, undefined, " • ")).toBe("John • Josh and 2 others");
  });

  it("reads a key path from objects, and never shows 'and 0 others' or a negative count", () => {
    const events = ["Alice", "Bob", "Carol", "Dan", "Eve"].map((name) => ({ payload: { name } }));
    expect(digest(events, 2, "payload.name")).toBe("Alice, Bob and 3 others");
    expect(digest([{ payload: {} }, { payload: { name: "Bob" } }], 2, "payload.name")).toBe(" and Bob");
    expect(digest(names, "1")).toBe("John and 3 others");
    expect(digest(names, 0)).toBe("John and 3 others");
    expect(digest(names, 4)).not.toContain("0 other");
  });
});

describe("toSentence", () => {
  it("is empty for nothing", () => {
    expect(toSentence([])).toBe("");
    expect(toSentence("not an array")).toBe("");
    expect(toSentence({})).toBe("");
  });

  it("formats like Novu's toSentence", () => {
    expect(toSentence(["John"])).toBe("John");
    expect(toSentence(["John", "Josh"])).toBe("John and Josh");
    expect(toSentence(["John", "Josh", "Sarah"], "", 3)).toBe("John, Josh, and Sarah");
    expect(toSentence(names)).toBe("John, Josh, and 2 others");
    expect(toSentence(["John", "Josh", "Sarah"], "", 2, "other")).toBe("John, Josh, and 1 other");
    expect(toSentence([...names, "Emma"], "", 1)).toBe("John and 4 others");
    expect(toSentence([...names, "Emma"], "", 3)).toBe("John, Josh, Sarah, and 2 others");
    expect(toSentence([...names, "Emma"], "", 5)).toBe("John, Josh, Sarah, Mike, and Emma");
    expect(toSentence(["John", "Josh", "Sarah"], "", 2, "other", " + ", " or ", " & ")).toBe(
      "John + Josh & 1 other",
    );
    expect(toSentence(["John", "Josh", "Sarah", "Mike"], "", 2, "person")).toBe("John, Josh, and 2 people");
  });

  it("reads key paths, rendering missing values as empty", () => {
    const users = [{ profile: { name: "John" }, id: 1 }, { profile: { name: "Josh" }, id: 2 }, { id: 3 }];
    expect(toSentence(users, "profile.name", 3)).toBe("John, Josh, and ");
    expect(toSentence(users, "id", 3)).toBe("1, 2, and 3");
  });
});

describe("json", () => {
  it("uses single quotes, as Novu's json filter", () => {
    expect(json({ a: "b", n: [1, 2] })).toBe("{'a':'b','n':[1,2]}");
    expect(json({ a: 1 }, 2)).toBe("{\\n  'a': 1\\n}");
    expect(json("text")).toBe("text");
    expect(json(null)).toBe("");
  });
});

describe("registerNovuFilters", () => {
  const engine = registerNovuFilters(new Liquid());
  const steps = {
    digest: {
      events: ["Alice", "Bob", "Carol", "Dan", "Eve"].map((name, i) => ({
        id: `e${i}`,
        time: "",
        payload: { name },
      })),
      eventCount: 5,
    },
  };

  it("renders Novu's digest templates", async () => {
    await expect(
      engine.parseAndRender("{{ steps.digest.events | digest: 2, 'payload.name' }}", { steps }),
    ).resolves.toBe("Alice, Bob and 3 others");
    await expect(
      engine.parseAndRender('{{ steps.digest.eventCount | pluralize: "notification", "notifications" }}', {
        steps,
      }),
    ).resolves.toBe("5 notifications");
    await expect(
      engine.parseAndRender("{{ steps.digest.events | toSentence: 'payload.name', 2, 'other' }}", { steps }),
    ).resolves.toBe("Alice, Bob, and 3 others");
    await expect(engine.parseAndRender("{{ payload | json }}", { payload: { a: 1 } })).resolves.toBe(
      "{'a':1}",
    );
  });

  it("renders an empty digest as nothing", async () => {
    const empty = { digest: { events: [], eventCount: 0 } };
    await expect(
      engine.parseAndRender(
        "[{{ steps.digest.events | digest }}|{{ steps.digest.eventCount | pluralize: 'item' }}]",
        {
          steps: empty,
        },
      ),
    ).resolves.toBe("[|]");
  });
});
