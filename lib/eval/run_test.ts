import assert from "node:assert/strict";
import { LocalAnalyzer } from "../analyze/local/analyzer.ts";
import { loadLabels } from "./labels.ts";
import { loadCorpus } from "./load.ts";
import { isHeldOut } from "./run.ts";
import { scoreRun } from "./score.ts";

Deno.test("every third file is held out", () => {
  assert.deepEqual(["001.eml", "002.eml", "003.eml", "006.eml"].map(isHeldOut), [
    false,
    false,
    true,
    true,
  ]);
});

// Floors measured on the development corpus: a regression below them fails the build.
Deno.test("the local analyzer stays above its measured floors on the development corpus", async () => {
  const dir = new URL("../../../shared/corpus/dev/", import.meta.url);
  const labels = new Map((await loadLabels(new URL("labels.json", dir))).map((l) => [l.file, l]));
  const analyzer = new LocalAnalyzer();
  const items = [];
  for (const email of await loadCorpus(dir)) {
    const label = labels.get(email.file);
    if (!label) continue;
    const { analysis } = await analyzer.analyze(email.input);
    const readableText = [email.input.subject, email.input.body, ...email.input.attachmentsText]
      .join("\n");
    items.push({ label, analysis, readableText });
  }
  assert.ok(items.length >= 50, `only ${items.length} labelled emails`);
  const r = scoreRun(items);
  assert.ok(r.category.accuracy >= 0.93, `category ${r.category.accuracy}`);
  assert.ok(r.priority.accuracy >= 0.9, `priority ${r.priority.accuracy}`);
  assert.ok(r.language.accuracy >= 0.97, `language ${r.language.accuracy}`);
  for (const k of ["orderNumbers", "amounts", "dates"] as const) {
    assert.ok(r.entities[k].readableRecall >= 0.95, `${k} recall ${r.entities[k].readableRecall}`);
    assert.ok(r.entities[k].precision >= 0.95, `${k} precision ${r.entities[k].precision}`);
  }
  assert.ok(
    r.entities.products.readableRecall >= 0.9,
    `products ${r.entities.products.readableRecall}`,
  );
  assert.ok(r.entities.products.precision >= 0.9, `products ${r.entities.products.precision}`);
  assert.ok(r.confidence.correct > r.confidence.wrong, "confidence must separate right from wrong");
});

Deno.test("deno task eval prints its report and exits (every context it opens is closed)", async () => {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", new URL("./run.ts", import.meta.url).pathname, "--no-extract"],
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  // A worker left running keeps the process alive after the last line: give it a bound.
  const timer = setTimeout(() => child.kill("SIGKILL"), 180_000);
  try {
    const { code, stdout } = await child.output();
    assert.equal(code, 0, "the eval did not exit by itself");
    assert.match(new TextDecoder().decode(stdout), /incidents \(generated burst/);
  } finally {
    clearTimeout(timer);
  }
});
