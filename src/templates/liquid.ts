import { Liquid, type Template } from "liquidjs";
import { registerNovuFilters } from "./filters";
import { translate } from "./translate";

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

/**
 * Rendered synchronously: `renderLimit` measures wall-clock time, and an async render shares it with whatever else
 * the isolate runs meanwhile (a fan-out page runs hundreds of objects in one), so busy moments failed fair templates.
 */
export async function renderString(source: string, variables: TemplateVariables): Promise<string> {
  if (!source.includes("{")) return source;
  return engine.renderSync(parse(source), variables);
}

/** How a step's content controls become its content: Liquid over the run's variables, or taken as they are. */
export type Render = <T>(value: T) => Promise<T>;

/**
 * With `translations` (a workflow that enables them), `{{t.key}}` markers are translated first; `t` is also a
 * variable, so a marker with filters (`{{ t.title | upcase }}`) still reads its translation.
 */
export const withLiquid = (variables: TemplateVariables, translations?: Record<string, unknown>): Render => {
  if (!translations) return (value) => renderDeep(value, variables);
  const scope = { ...variables, t: translations };
  return (value) => renderDeep(value, scope, (source) => translate(source, translations));
};

/** Code-first steps arrive rendered by the user's bridge: there is nothing to render, and a `{{` is content. */
export const asRendered: Render = async (value) => value;

/** Renders every string inside a JSON-like value, keeping its shape; `prepare` rewrites each source first. */
export async function renderDeep<T>(
  value: T,
  variables: TemplateVariables,
  prepare: (source: string) => string = (source) => source,
): Promise<T> {
  if (typeof value === "string") return (await renderString(prepare(value), variables)) as T;
  if (Array.isArray(value))
    return (await Promise.all(value.map((item) => renderDeep(item, variables, prepare)))) as T;
  if (value && typeof value === "object") {
    const entries = await Promise.all(
      Object.entries(value).map(
        async ([key, item]) => [key, await renderDeep(item, variables, prepare)] as const,
      ),
    );
    return Object.fromEntries(entries) as T;
  }
  return value;
}
