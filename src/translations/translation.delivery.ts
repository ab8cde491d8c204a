/** A workflow's translations as a trigger carries them: each locale's content, and the locale that fills the gaps. */
export type WorkflowTranslations = {
  defaultLocale: string;
  locales: Record<string, Record<string, unknown>>;
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** `over` laid on `base`, nested keys merged one by one, so a locale missing one key of a group keeps the others. */
function overlay(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const under = merged[key];
    merged[key] = isRecord(under) && isRecord(value) ? overlay(under, value) : value;
  }
  return merged;
}

/** Subscribers of one trigger share few locales: each locale's dictionary is built once per trigger. */
const byTrigger = new WeakMap<WorkflowTranslations, Map<string, Record<string, unknown>>>();

/**
 * The dictionary a subscriber reads: its own locale (Novu's `language_REGION`; `fr-FR` is read as `fr_FR`), with
 * the default locale filling whatever it lacks; a subscriber without a locale, or with one nobody translated,
 * reads the default locale.
 */
export function translationsFor(
  translations: WorkflowTranslations,
  locale: string | null,
): Record<string, unknown> {
  const wanted = locale?.trim().replace("-", "_") || translations.defaultLocale;
  let cache = byTrigger.get(translations);
  if (!cache) {
    cache = new Map();
    byTrigger.set(translations, cache);
  }
  const cached = cache.get(wanted);
  if (cached) return cached;
  const base = translations.locales[translations.defaultLocale] ?? {};
  const own = wanted === translations.defaultLocale ? undefined : translations.locales[wanted];
  const dictionary = own ? overlay(base, own) : base;
  cache.set(wanted, dictionary);
  return dictionary;
}
