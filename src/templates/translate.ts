/** `{{t.key}}`, `{{ t.product.title }}`: a translation marker without filters, as Novu's editors insert them. */
const marker = /\{\{\s*t\.([^\s{}|]+)\s*\}\}/g;

function lookup(dictionary: Record<string, unknown>, path: string): unknown {
  let value: unknown = dictionary;
  for (const key of path.split(".")) {
    if (!value || typeof value !== "object") return undefined;
    value = Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
  }
  return value;
}

/**
 * Puts each translation in place of its marker before Liquid runs, as Novu translates before it renders, so a
 * translation may hold variables of its own (`"Hi {{subscriber.firstName}}"`). A key that neither the subscriber's
 * locale nor the default one defines reads as the key itself, as i18next (which Novu translates with) answers it.
 */
export function translate(source: string, dictionary: Record<string, unknown>): string {
  if (!source.includes("t.")) return source;
  return source.replace(marker, (_, key: string) => {
    const value = lookup(dictionary, key);
    return typeof value === "string" || typeof value === "number" || typeof value === "boolean"
      ? String(value)
      : key;
  });
}
