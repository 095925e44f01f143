import assert from "node:assert/strict";
import { type BurstEmail, incidentBurst, scoreIncidents } from "./incident_burst.ts";

const e = (messageId: string, group: string | null): BurstEmail => ({ messageId, group, raw: "" });

Deno.test("pairwise scoring: a perfect grouping scores 1, a merge costs precision, a split costs recall", () => {
  const emails = [
    e("a1", "A"),
    e("a2", "A"),
    e("a3", "A"),
    e("b1", "B"),
    e("b2", "B"),
    e("x", null),
  ];
  const perfect = new Map([["a1", "1"], ["a2", "1"], ["a3", "1"], ["b1", "2"], ["b2", "2"]]);
  assert.deepEqual(scoreIncidents(emails, perfect), {
    precision: 1,
    recall: 1,
    tp: 4,
    fp: 0,
    fn: 0,
  });
  const merged = new Map([["a1", "1"], ["a2", "1"], ["a3", "1"], ["b1", "1"], ["b2", "1"]]);
  const m = scoreIncidents(emails, merged);
  assert.equal(m.recall, 1);
  assert.equal(m.fp, 6);
  assert.equal(m.precision, 4 / 10);
  const split = new Map([["a1", "1"], ["a2", "1"], ["a3", "3"], ["b1", "2"], ["b2", "2"]]);
  const s = scoreIncidents(emails, split);
  assert.equal(s.precision, 1);
  assert.equal(s.recall, 2 / 4);
  const none = scoreIncidents(emails, new Map());
  assert.equal(none.recall, 0);
});

Deno.test("the burst is the same for a seed, mixes languages, and every sender is a different customer", () => {
  const a = incidentBurst({ seed: 3 });
  assert.deepEqual(a.map((x) => x.raw), incidentBurst({ seed: 3 }).map((x) => x.raw));
  assert.notDeepEqual(a.map((x) => x.raw), incidentBurst({ seed: 4 }).map((x) => x.raw));
  const from = a.map((x) => /^From: .*<(.+)>$/m.exec(x.raw)![1]);
  assert.equal(new Set(from).size, a.length);
  const text = a.map((x) => x.raw).join("\n");
  assert.match(text, /[а-я]/);
  assert.match(text, /[әіңғүұқөһ]/);
  assert.ok(a.filter((x) => x.group === null).length >= 20);
});
