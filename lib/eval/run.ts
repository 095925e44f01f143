import { LocalAnalyzer } from "../analyze/local/analyzer.ts";
import type { Analyzer } from "../analyze/port.ts";
import { loadLabels } from "./labels.ts";
import { loadCorpus } from "./load.ts";
import { parseConfig } from "../config.ts";
import { ExtractPool } from "../extract/pool.ts";
import { extractFile } from "../extract/attachment.ts";
import { formatReport, type Scored, scoreRun } from "./score.ts";
import { formatRouting, runRouting, scoreRouting } from "./routing.ts";
import { formatIncidentEval, runIncidentEval } from "./incidents.ts";
import { formatLearning, learningEval } from "./learning.ts";

/** Analyzers the evaluation can run, by the name given to --analyzer. */
const ANALYZERS: Record<string, () => Analyzer> = { local: () => new LocalAnalyzer() };

/** Every third email (003, 006, …) is held out: look at errors only on the others. */
export function isHeldOut(file: string): boolean {
  const n = Number(file.match(/\d+/)?.[0] ?? 0);
  return n % 3 === 0;
}

function arg(name: string, fallback: string): string {
  const i = Deno.args.indexOf(`--${name}`);
  return i >= 0 && Deno.args[i + 1] ? Deno.args[i + 1] : fallback;
}

if (import.meta.main) {
  const name = arg("analyzer", "local");
  const make = ANALYZERS[name];
  if (!make) {
    console.error(`unknown analyzer "${name}"; known: ${Object.keys(ANALYZERS).join(", ")}`);
    Deno.exit(2);
  }
  const dir = new URL(arg("dir", new URL("../../../shared/corpus/dev/", import.meta.url).href));
  const labels = new Map((await loadLabels(new URL("labels.json", dir))).map((l) => [l.file, l]));
  const analyzer = make();
  // Binary attachments are read by the product's own extraction pool unless --no-extract.
  const config = parseConfig({});
  const pool = Deno.args.includes("--no-extract") ? null : new ExtractPool({
    size: config.EXTRACT_POOL_SIZE,
    timeoutMs: config.EXTRACT_TIMEOUT_MS,
    rusTraineddata: config.OCR_RUS_TRAINEDDATA,
  });
  const extract = pool
    ? async (part: { filename: string; contentType: string; content: Uint8Array }) =>
      (await extractFile(pool, config, part)).extractedText
    : undefined;
  const scored: (Scored & { heldOut: boolean })[] = [];
  for (const email of await loadCorpus(dir, extract)) {
    const label = labels.get(email.file);
    if (!label) continue;
    const { analysis } = await analyzer.analyze(email.input);
    const readableText = [email.input.subject, email.input.body, ...email.input.attachmentsText]
      .join("\n");
    scored.push({ label, analysis, readableText, heldOut: isHeldOut(email.file) });
  }
  const all = scoreRun(scored);
  console.log(formatReport(`analyzer "${name}" — all`, all));
  console.log(formatReport("tuning part (2/3)", scoreRun(scored.filter((s) => !s.heldOut)), false));
  console.log(
    formatReport("held-out part (every 3rd)", scoreRun(scored.filter((s) => s.heldOut)), false),
  );
  const routed = await runRouting(
    await Promise.all([...labels.values()].map(async (l) => ({
      file: l.file,
      expect: l.expect,
      raw: await Deno.readFile(new URL(l.file, dir)),
    }))),
  );
  console.log(formatRouting(scoreRouting(routed)));
  console.log(formatLearning(learningEval(scored)));
  console.log(formatIncidentEval(await runIncidentEval()));
  if (Deno.args.includes("--errors")) {
    const tuning = scoreRun(scored.filter((s) => !s.heldOut));
    console.log("\nerrors on the tuning part:");
    for (const e of tuning.errors) {
      console.log(`  ${e.file} ${e.field}: gold ${e.gold} pred ${e.pred}`);
    }
  }
  await pool?.close();
}
