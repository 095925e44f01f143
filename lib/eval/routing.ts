import { parseConfig } from "../config.ts";
import { createContext } from "../context.ts";
import { createLogger } from "../log.ts";
import { resolveSecrets } from "../secrets.ts";

/** What the pipeline made of one labelled email, in the labels' own terms. */
export interface RoutingOutcome {
  file: string;
  /** The label: `complaint`, `duplicate:NNN.eml`, `thread-reply:NNN.eml`, `ignore:…`. */
  expect: string;
  /** The same vocabulary, from the pipeline's answer. */
  got: string;
}

export interface RoutingScore {
  duplicates: { tp: number; fp: number; fn: number; precision: number; recall: number };
  threads: { correct: number; total: number };
  ignored: { correct: number; total: number };
  mistakes: RoutingOutcome[];
}

/**
 * Score routing decisions: duplicate detection as precision/recall (a duplicate of the wrong
 * original counts as both a false positive and a false negative), threads and ignores as accuracy.
 */
export function scoreRouting(outcomes: RoutingOutcome[]): RoutingScore {
  let tp = 0, fp = 0, fn = 0;
  let threadsOk = 0, threads = 0, ignoredOk = 0, ignored = 0;
  for (const o of outcomes) {
    const expectDup = o.expect.startsWith("duplicate:");
    const gotDup = o.got.startsWith("duplicate:");
    if (expectDup && gotDup && o.expect === o.got) tp++;
    else {
      if (gotDup) fp++;
      if (expectDup) fn++;
    }
    if (o.expect.startsWith("thread-reply:")) {
      threads++;
      if (o.got === o.expect) threadsOk++;
    }
    if (o.expect.startsWith("ignore:")) {
      ignored++;
      if (o.got === o.expect) ignoredOk++;
    }
  }
  return {
    duplicates: {
      tp,
      fp,
      fn,
      precision: tp + fp ? tp / (tp + fp) : 1,
      recall: tp + fn ? tp / (tp + fn) : 1,
    },
    threads: { correct: threadsOk, total: threads },
    ignored: { correct: ignoredOk, total: ignored },
    mistakes: outcomes.filter((o) => o.got !== o.expect),
  };
}

/**
 * Ingest the labelled emails, in order, through the real pipeline on embedded defaults in a temp
 * folder, and report each outcome in the labels' vocabulary.
 */
export async function runRouting(
  emails: { file: string; expect: string; raw: Uint8Array }[],
): Promise<RoutingOutcome[]> {
  const dir = await Deno.makeTempDir({ prefix: "inbox-triage-eval-" });
  const config = await resolveSecrets(parseConfig({ DATA_DIR: dir, LOG_LEVEL: "error" }), () => {});
  const ctx = await createContext(config, { log: createLogger("error", () => {}) });
  const fileOf = new Map<string, string>();
  const outcomes: RoutingOutcome[] = [];
  try {
    for (const email of emails) {
      const result = await ctx.pipeline.ingest(email.raw);
      let got = "error";
      if (result.kind === "ignored") {
        got = `ignore:${result.reason.split(":")[0]}`;
      } else if (result.kind === "threaded") {
        got = `thread-reply:${fileOf.get(result.complaint.id) ?? "?"}`;
      } else if (result.kind === "created") {
        const c = result.complaint;
        fileOf.set(c.id, email.file);
        got = c.duplicateOf ? `duplicate:${fileOf.get(c.duplicateOf) ?? "?"}` : "complaint";
      } else if (result.kind === "existing") {
        got = "complaint";
      }
      outcomes.push({ file: email.file, expect: email.expect, got });
    }
  } finally {
    await ctx.pipeline.drain();
    await ctx.close(); // workers and pools too, or the process never exits
    await Deno.remove(dir, { recursive: true });
  }
  return outcomes;
}

/** A short printable report. */
export function formatRouting(score: RoutingScore): string {
  const pct = (n: number) => `${(n * 100).toFixed(1)}%`;
  const d = score.duplicates;
  const lines = [
    "routing (duplicates, threads, loop protection)",
    `  duplicates: precision ${pct(d.precision)}, recall ${
      pct(d.recall)
    } (tp ${d.tp}, fp ${d.fp}, fn ${d.fn})`,
    `  thread replies joined: ${score.threads.correct}/${score.threads.total}`,
    `  auto-replies and bulk ignored: ${score.ignored.correct}/${score.ignored.total}`,
  ];
  for (const m of score.mistakes) lines.push(`  ✗ ${m.file}: expected ${m.expect}, got ${m.got}`);
  return lines.join("\n");
}
