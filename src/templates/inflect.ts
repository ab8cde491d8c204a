/**
 * English plural and singular forms, enough for notification copy ("3 comments", "1 other"). Novu's filters use the
 * `pluralize` npm package; this keeps its common rules (irregulars, -y, -f/-fe, sibilants, uncountables) without the
 * dependency, and like it leaves a word that is already in the wanted form alone and keeps the word's casing.
 */
const irregular: Record<string, string> = {
  person: "people",
  child: "children",
  man: "men",
  woman: "women",
  mouse: "mice",
  goose: "geese",
  foot: "feet",
  tooth: "teeth",
  ox: "oxen",
};
const singularOf = Object.fromEntries(Object.entries(irregular).map(([one, many]) => [many, one]));
const uncountable = new Set([
  "sheep",
  "fish",
  "deer",
  "series",
  "species",
  "news",
  "information",
  "equipment",
]);

function keepCase(source: string, word: string): string {
  if (source === source.toUpperCase() && source !== source.toLowerCase()) return word.toUpperCase();
  if (source[0] && source[0] === source[0].toUpperCase()) return word.charAt(0).toUpperCase() + word.slice(1);
  return word;
}

function looksPlural(lower: string): boolean {
  return lower in singularOf || (/[^su]s$/.test(lower) && !/(is|us|ss)$/.test(lower));
}

export function plural(word: string): string {
  const lower = word.toLowerCase();
  if (lower === "" || uncountable.has(lower) || looksPlural(lower)) return word;
  const irregularForm = irregular[lower];
  if (irregularForm) return keepCase(word, irregularForm);
  const rules: [RegExp, string][] = [
    [/([^aeiou])y$/, "$1ies"],
    [/(kni|wi|li)fe$/, "$1ves"],
    [/(ar|l|ea|eo|oa|hoo)f$/, "$1ves"],
    [/(s|x|z|ch|sh)$/, "$1es"],
  ];
  for (const [pattern, replacement] of rules) {
    if (pattern.test(lower)) return keepCase(word, lower.replace(pattern, replacement));
  }
  return keepCase(word, `${lower}s`);
}

export function singular(word: string): string {
  const lower = word.toLowerCase();
  if (uncountable.has(lower) || !looksPlural(lower)) return word;
  const irregularForm = singularOf[lower];
  if (irregularForm) return keepCase(word, irregularForm);
  const rules: [RegExp, string][] = [
    [/([^aeiou])ies$/, "$1y"],
    [/(kni|wi|li)ves$/, "$1fe"],
    [/(ar|l|ea|eo|oa|hoo)ves$/, "$1f"],
    [/(x|z|ch|sh|ss|us)es$/, "$1"],
    [/s$/, ""],
  ];
  for (const [pattern, replacement] of rules) {
    if (pattern.test(lower)) return keepCase(word, lower.replace(pattern, replacement));
  }
  return word;
}

/** The form of `word` for `count` items: singular for exactly 1, plural otherwise (0, 2, 1.5, -1). */
export function inflect(word: string, count: number): string {
  return count === 1 ? singular(word) : plural(word);
}
