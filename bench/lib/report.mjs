import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

const columns = ["figure", "value", "baseline", "ratio", "target"];

/** Prints the summary table and writes it as markdown to bench/results/latest.md. */
export function report(rows, context) {
  const table = [columns, ...rows.map((row) => columns.map((c) => String(row[c] ?? "")))];
  const widths = columns.map((_, i) => Math.max(...table.map((r) => r[i].length)));
  console.log("");
  for (const [n, row] of table.entries()) {
    console.log(row.map((cell, i) => cell.padEnd(widths[i])).join("  "));
    if (n === 0) console.log(widths.map((w) => "-".repeat(w)).join("  "));
  }
  const markdown = [
    "# Benchmark results",
    "",
    `Run ${new Date().toISOString()} on ${context}. Produced by \`npm run bench\`; each figure is measured beside its baseline in the same run.`,
    "",
    `| ${columns.join(" | ")} |`,
    `| ${columns.map(() => "---").join(" | ")} |`,
    ...table.slice(1).map((row) => `| ${row.join(" | ")} |`),
    "",
  ].join("\n");
  const file = path.resolve(import.meta.dirname, "..", "results", "latest.md");
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, markdown);
  console.log(`\nwritten to ${path.relative(process.cwd(), file)}`);
}
