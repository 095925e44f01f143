import assert from "node:assert/strict";
import { runRouting, scoreRouting } from "./routing.ts";
import { loadLabels } from "./labels.ts";

Deno.test("routing score: right original is a hit, wrong original is both a miss and a false alarm", () => {
  const s = scoreRouting([
    { file: "a", expect: "complaint", got: "complaint" },
    { file: "b", expect: "duplicate:a", got: "duplicate:a" },
    { file: "c", expect: "duplicate:a", got: "duplicate:b" },
    { file: "d", expect: "complaint", got: "duplicate:a" },
    { file: "e", expect: "duplicate:a", got: "complaint" },
    { file: "f", expect: "thread-reply:a", got: "thread-reply:a" },
    { file: "g", expect: "ignore:bulk", got: "complaint" },
  ]);
  assert.deepEqual(
    { tp: s.duplicates.tp, fp: s.duplicates.fp, fn: s.duplicates.fn },
    { tp: 1, fp: 2, fn: 2 },
  );
  assert.equal(s.duplicates.precision, 1 / 3);
  assert.deepEqual(s.threads, { correct: 1, total: 1 });
  assert.deepEqual(s.ignored, { correct: 0, total: 1 });
  assert.deepEqual(s.mistakes.map((m) => m.file), ["c", "d", "e", "g"]);
});

Deno.test("on the dev corpus, routing finds every labelled duplicate, thread and ignore", async () => {
  const dir = new URL("../../../shared/corpus/dev/", import.meta.url);
  const labels = await loadLabels(new URL("labels.json", dir));
  const emails = await Promise.all(labels.map(async (l) => ({
    file: l.file,
    expect: l.expect,
    raw: await Deno.readFile(new URL(l.file, dir)),
  })));
  const score = scoreRouting(await runRouting(emails));
  assert.deepEqual(score.mistakes, []);
  assert.equal(score.duplicates.precision, 1);
  assert.equal(score.duplicates.recall, 1);
});
