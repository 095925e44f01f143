/**
 * Local analyzer micro-benchmark: µs of `analyzeLocally` per email, over the generated emails of
 * bench/emails.ts and over the labelled development corpus (read at run time from shared/, never
 * copied here). Emails are parsed once up front the way the evaluation does (postal-mime through
 * lib/mime, text attachments decoded, binary ones left out), so only the analyzer is timed. Each
 * set is warmed up, then timed over several rounds; wall-clock and process CPU time per email are
 * printed as the median and best round, since other processes on the machine make rounds noisy.
 *
 *   deno run -A bench/analyze_local.ts [--generated 500] [--rounds 7] [--warmup 3]
 *     [--corpus ../shared/corpus/dev/]
 */
import process from "node:process";
import { parseArgs } from "node:util";
import { analyzeLocally, boundInput } from "../lib/analyze/local/analyzer.ts";
import type { AnalysisInput } from "../lib/analyze/port.ts";
import { loadCorpus, loadEmail } from "../lib/eval/load.ts";
import { smallEmail } from "./emails.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    generated: { type: "string", default: "500" },
    rounds: { type: "string", default: "7" },
    warmup: { type: "string", default: "3" },
    corpus: { type: "string", default: new URL("../../shared/corpus/dev/", import.meta.url).href },
  },
});
const GENERATED = Number(values.generated);
const ROUNDS = Number(values.rounds);
const WARMUP = Number(values.warmup);

/** Wall-clock and CPU µs per email of each timed round, after `WARMUP` untimed rounds. */
function time(inputs: AnalysisInput[]): { wall: number[]; cpu: number[] } {
  let sink = 0;
  for (let r = 0; r < WARMUP; r++) for (const input of inputs) sink += run(input);
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    for (const input of inputs) sink += run(input);
    const used = process.cpuUsage(cpuStarted);
    wall.push((performance.now() - started) * 1000 / inputs.length);
    cpu.push((used.user + used.system) / inputs.length);
  }
  // Keeps the results observable so no work can be skipped.
  if (sink < 0) console.log(sink);
  return { wall, cpu };
}

function run(input: AnalysisInput): number {
  return analyzeLocally(input).summary.length;
}

/** "median (best)" of per-round figures. */
function summary(rounds: number[]): string {
  const sorted = [...rounds].sort((a, b) => a - b);
  return `${sorted[Math.floor(sorted.length / 2)].toFixed(1)} (${sorted[0].toFixed(1)})`;
}

function report(name: string, inputs: AnalysisInput[]): void {
  const { wall, cpu } = time(inputs);
  const kb = inputs.reduce(
    (n, i) => n + i.subject.length + i.body.length + i.attachmentsText.join("").length,
    0,
  ) / inputs.length / 1024;
  console.log(
    `${name.padEnd(10)} ${String(inputs.length).padStart(5)} emails, ~${kb.toFixed(1)} K chars: ` +
      `${summary(wall)} µs/email wall, ${summary(cpu)} µs/email CPU, median (best) of ${ROUNDS}`,
  );
}

const generated: AnalysisInput[] = [];
for (let i = 0; i < GENERATED; i++) {
  generated.push(boundInput((await loadEmail(`generated-${i}`, smallEmail(i))).input));
}
// A directory given as a path or file URL, relative to the working directory.
const corpusDir = new URL(values.corpus.replace(/\/?$/, "/"), `file://${Deno.cwd()}/`);
const corpus = (await loadCorpus(corpusDir)).map((e) => boundInput(e.input));

report("generated", generated);
report("corpus", corpus);
