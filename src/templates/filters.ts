import type { Liquid } from "liquidjs";
import { inflect } from "./inflect";

/**
 * The filters Novu adds to liquidjs (`createLiquidEngine` in @novu/framework: `json`, `digest`, `toSentence`,
 * `pluralize`), so templates written for Novu render the same here.
 */

/** An item (or the value at `keyPath` inside it) as text; missing values are "", objects JSON ("{}" is ""). */
function text(item: unknown, keyPath?: string): string {
  let value = item;
  if (keyPath) {
    for (const key of keyPath.split(".")) {
      value =
        value !== null && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
    }
  }
  if (value === null || value === undefined) return "";
  if (typeof value !== "object") return String(value);
  const json = JSON.stringify(value);
  return json === "{}" ? "" : json;
}

/** A numeric filter argument (Liquid may pass "2"), at least 1 so a list never renders as " and 5 others". */
function atLeastOne(value: unknown, fallback: number): number {
  const number = Number(value ?? fallback);
  return Number.isFinite(number) ? Math.max(1, Math.floor(number)) : fallback;
}

/** `{{ steps.digest.events | digest: 2, 'payload.name' }}` → "Alice, Bob and 3 others". */
export function digest(
  array: unknown,
  maxNames: unknown = 2,
  keyPath?: unknown,
  separator: unknown = ", ",
): string {
  if (!Array.isArray(array) || array.length === 0) return "";
  const values = array.map((item) => text(item, typeof keyPath === "string" ? keyPath : undefined));
  const shown = atLeastOne(maxNames, 2);
  const sep = String(separator);
  if (values.length === 1) return values[0] as string;
  if (values.length === 2 || shown >= values.length)
    return `${values.slice(0, -1).join(sep)} and ${values.at(-1)}`;
  const others = values.length - shown;
  return `${values.slice(0, shown).join(sep)} and ${others} ${others === 1 ? "other" : "others"}`;
}

/** `{{ events | toSentence: 'payload.name', 2, 'other' }}` → "Alice, Bob, and 3 others" (Rails-style connectors). */
export function toSentence(
  array: unknown,
  keyPath: unknown = "",
  limit: unknown = 2,
  overflowSuffix: unknown = "other",
  wordsConnector: unknown = ", ",
  twoWordsConnector: unknown = " and ",
  lastWordConnector: unknown = ", and ",
): string {
  if (!Array.isArray(array) || array.length === 0) return "";
  const values = array.map((item) => text(item, typeof keyPath === "string" ? keyPath : undefined));
  const shown = atLeastOne(limit, 2);
  if (values.length === 1) return values[0] as string;
  if (values.length === 2) return `${values[0]}${twoWordsConnector}${values[1]}`;
  if (shown >= values.length)
    return `${values.slice(0, -1).join(String(wordsConnector))}${lastWordConnector}${values.at(-1)}`;
  const more = values.length - shown;
  const connector = shown === 1 ? twoWordsConnector : lastWordConnector;
  return `${values.slice(0, shown).join(String(wordsConnector))}${connector}${more} ${inflect(String(overflowSuffix), more)}`;
}

/**
 * `{{ steps.digest.eventCount | pluralize: 'notification' }}` → "3 notifications". Counts arrays and objects by
 * size; nothing, zero, negatives and non-numbers render "" (Novu's rule, so "You have {{…}}" never says "0 …").
 */
export function pluralize(
  item: unknown,
  singularForm: unknown = "",
  pluralForm: unknown = "",
  showCount: unknown = "true",
): string {
  if (item === null || item === undefined) return "";
  let count: number;
  if (Array.isArray(item)) count = item.length;
  else if (typeof item === "object") count = Object.keys(item).length;
  else count = Number(item);
  if (Number.isNaN(count) || count <= 0) return "";
  const one = String(singularForm);
  const word = pluralForm ? (count === 1 ? one : String(pluralForm)) : inflect(one, count);
  return showCount === false || showCount === "false" ? word : `${count} ${word}`;
}

/** Novu's `json`: single quotes instead of double, so the output can sit inside a JSON string (its control values). */
export function json(value: unknown, spaces: unknown = 0): string {
  if (value === null || value === undefined) return "";
  if (typeof value !== "object") return String(value);
  return JSON.stringify(value, null, Number(spaces) || 0)
    .replace(/"/g, "'")
    .replace(/\n/g, "\\n");
}

export function registerNovuFilters(engine: Liquid): Liquid {
  engine.registerFilter("digest", digest);
  engine.registerFilter("toSentence", toSentence);
  engine.registerFilter("pluralize", pluralize);
  engine.registerFilter("json", json);
  return engine;
}
