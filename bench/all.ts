/**
 * `deno task bench`: every benchmark, each against baselines measured in the same run, printed
 * as one table (the README carries a copy with its date and machine).
 *
 *   deno run -A bench/all.ts [--quick]
 */
import { parseArgs } from "node:util";
import { ingestBench } from "./ingest.ts";
import { claudeBench } from "./claude.ts";
import { type BenchRow, formatTable } from "./table.ts";
import type { ScaleRow } from "./scale.ts";

/** bench/scale.ts in its own process (it seeds 100k complaints); its rows for the table. */
async function scaleRows(quick: boolean): Promise<BenchRow[]> {
  const args = ["run", "-A", new URL("./scale.ts", import.meta.url).pathname, "--json"];
  if (quick) args.push("--count", "5000", "--ferret-count", "500", "--requests", "10");
  const out = await new Deno.Command(Deno.execPath(), { args, stderr: "inherit" }).output();
  if (!out.success) throw new Error("bench/scale.ts failed");
  const text = new TextDecoder().decode(out.stdout);
  const lines = text.trim().split("\n");
  const { rows, skipped, target } = JSON.parse(lines.at(-1)!) as {
    rows: ScaleRow[];
    skipped: string[];
    target: number;
  };
  console.error(lines.slice(0, -1).join("\n"));
  for (const s of skipped) console.error(`scale: skipped ${s}`);
  const floors = new Map(rows.filter((r) => r.floor).map((r) => [r.store, r]));
  return rows.filter((r) => !r.floor).map((r) => ({
    measure: `${r.view} (${r.store}, ${r.count.toLocaleString("en")} complaints)`,
    value: `p95 ${r.p95.toFixed(1)} ms (p50 ${r.p50.toFixed(1)})`,
    baseline: floors.has(r.store)
      ? `/api/health p95 ${floors.get(r.store)!.p95.toFixed(1)} ms`
      : "",
    target: `p95 ≤ ${target} ms`,
    met: r.p95 <= target,
  }));
}

const { values } = parseArgs({ args: Deno.args, options: { quick: { type: "boolean" } } });
const quick = values.quick === true;
const log = (line: string) => console.error(line);

const rows: BenchRow[] = [
  ...await ingestBench({
    small: quick ? 500 : 4000,
    mix: quick ? 40 : 200,
    large: quick ? 40 : 1000,
    random: quick ? 20 : 200,
    concurrency: 8,
    log,
  }),
  ...await claudeBench({
    complaints: quick ? 64 : 200,
    concurrency: 64,
    latencyMs: 1500,
    claudeConcurrency: 16,
    log,
  }),
  ...await scaleRows(quick),
];
const cpu = Deno.readTextFileSync("/proc/cpuinfo").match(/model name\s*:\s*(.*)/)?.[1] ?? "?";
console.log(
  `${new Date().toISOString().slice(0, 10)}, ${navigator.hardwareConcurrency} cores (${cpu}), ` +
    `${(Deno.systemMemoryInfo().total / 1024 ** 3).toFixed(0)} GB`,
);
console.log(formatTable(rows));
