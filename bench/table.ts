/** One line of the benchmark table: a measure, its same-run baseline, and the target. */
export interface BenchRow {
  measure: string;
  value: string;
  /** What the value is compared with, measured in the same run ("" when none). */
  baseline: string;
  target: string;
  /** null when the row has no target (context figures). */
  met: boolean | null;
}

/** The rows as one Markdown table, for the terminal and the README alike. */
export function formatTable(rows: BenchRow[]): string {
  const head = ["measure", "value", "same-run baseline", "target", "met"];
  const cells = rows.map((r) => [
    r.measure,
    r.value,
    r.baseline,
    r.target,
    r.met === null ? "" : r.met ? "yes" : "**no**",
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => `| ${c.map((x, i) => x.padEnd(widths[i])).join(" | ")} |`;
  return [line(head), `| ${widths.map((w) => "-".repeat(w)).join(" | ")} |`, ...cells.map(line)]
    .join("\n");
}

/** A rate with no decimals past 10/s, one below. */
export function rate(perSecond: number): string {
  return perSecond >= 10 ? `${perSecond.toFixed(0)}/s` : `${perSecond.toFixed(1)}/s`;
}

/** Bytes as MB with one decimal. */
export function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
