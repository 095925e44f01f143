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
];
const cpu = Deno.readTextFileSync("/proc/cpuinfo").match(/model name\s*:\s*(.*)/)?.[1] ?? "?";
console.log(
  `${new Date().toISOString().slice(0, 10)}, ${navigator.hardwareConcurrency} cores (${cpu}), ` +
    `${(Deno.systemMemoryInfo().total / 1024 ** 3).toFixed(0)} GB`,
);
console.log(formatTable(rows));
