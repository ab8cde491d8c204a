import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const columns = ["figure", "value", "baseline", "ratio", "target", "pass"];
const file = path.resolve(import.meta.dirname, "..", "results", "latest.md");
const heading = "# Benchmark results";

const cells = (row) =>
  columns.map((c) => {
    if (c !== "pass") return String(row[c] ?? "");
    return row.pass === undefined ? "" : row.pass ? "pass" : "FAIL";
  });

function printTable(title, rows) {
  const table = [columns, ...rows.map(cells)];
  const widths = columns.map((_, i) => Math.max(...table.map((r) => r[i].length)));
  console.log(`\n${title}`);
  for (const [n, row] of table.entries()) {
    console.log(row.map((cell, i) => cell.padEnd(widths[i])).join("  "));
    if (n === 0) console.log(widths.map((w) => "-".repeat(w)).join("  "));
  }
}

function markdownSection({ name, title, rows, notes = [] }, context) {
  return [
    `## ${title}`,
    "",
    `\`${name}\`, run ${new Date().toISOString()} on ${context}.`,
    "",
    `| ${columns.join(" | ")} |`,
    `| ${columns.map(() => "---").join(" | ")} |`,
    ...rows.map((row) => `| ${cells(row).join(" | ")} |`),
    ...(notes.length ? ["", ...notes] : []),
    "",
  ].join("\n");
}

/** The sections already in latest.md by benchmark name (the backticked name on each section's first line). */
function storedSections() {
  if (!existsSync(file)) return new Map();
  const parts = readFileSync(file, "utf8")
    .split(/^(?=## )/m)
    .slice(1);
  return new Map(parts.map((part) => [part.match(/^`([\w-]+)`, run /m)?.[1], part]).filter(([name]) => name));
}

/**
 * Prints this run's tables and writes bench/results/latest.md: the sections of the benchmarks just run replace
 * their earlier ones, the others stay, so running a few benchmarks keeps the rest of the record.
 */
export function report(sections, context, order) {
  for (const { title, rows } of sections) printTable(title, rows);
  const stored = storedSections();
  for (const section of sections) stored.set(section.name, markdownSection(section, context));
  const body = order.filter((name) => stored.has(name)).map((name) => stored.get(name).trimEnd());
  const intro = "Produced by `npm run bench`; each figure is measured beside its baseline in the same run.";
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${[heading, "", intro, "", body.join("\n\n")].join("\n")}\n`);
  console.log(`\nwritten to ${path.relative(process.cwd(), file)}`);
}
