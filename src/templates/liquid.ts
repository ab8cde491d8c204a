import { Liquid, type Template } from "liquidjs";
import { registerNovuFilters } from "./filters";

/**
 * One engine per isolate, with Novu's filters (`digest`, `toSentence`, `pluralize`, `json`). The limits keep a
 * hostile template (a huge loop, an exploding string) from holding the Worker's CPU: liquidjs aborts the render.
 */
const engine = registerNovuFilters(
  new Liquid({
    ownPropertyOnly: true,
    parseLimit: 100_000,
    renderLimit: 200,
    memoryLimit: 10_000_000,
  }),
);

const parsed = new Map<string, Template[]>();
const parsedCap = 1_000;

function parse(source: string): Template[] {
  let templates = parsed.get(source);
  if (!templates) {
    templates = engine.parse(source);
    if (parsed.size >= parsedCap) parsed.clear();
    parsed.set(source, templates);
  }
  return templates;
}

export type TemplateVariables = Record<string, unknown>;

export async function renderString(source: string, variables: TemplateVariables): Promise<string> {
  if (!source.includes("{")) return source;
  return engine.render(parse(source), variables);
}

/** How a step's content controls become its content: Liquid over the run's variables, or taken as they are. */
export type Render = <T>(value: T) => Promise<T>;

export const withLiquid =
  (variables: TemplateVariables): Render =>
  (value) =>
    renderDeep(value, variables);

/** Code-first steps arrive rendered by the user's bridge: there is nothing to render, and a `{{` is content. */
export const asRendered: Render = async (value) => value;

/** Renders every string inside a JSON-like value, keeping its shape. */
export async function renderDeep<T>(value: T, variables: TemplateVariables): Promise<T> {
  if (typeof value === "string") return (await renderString(value, variables)) as T;
  if (Array.isArray(value)) return (await Promise.all(value.map((item) => renderDeep(item, variables)))) as T;
  if (value && typeof value === "object") {
    const entries = await Promise.all(
      Object.entries(value).map(async ([key, item]) => [key, await renderDeep(item, variables)] as const),
    );
    return Object.fromEntries(entries) as T;
  }
  return value;
}
