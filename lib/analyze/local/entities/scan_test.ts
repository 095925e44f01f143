import assert from "node:assert/strict";
import {
  digitPattern,
  digitRunEnd,
  digitRunStarts,
  matchesAt,
  matchesNearDigits,
  runsWhere,
} from "./scan.ts";

Deno.test("digit runs are found where they start", () => {
  assert.deepEqual(digitRunStarts("order 12345, paid 9 990 on 01.09"), [6, 18, 20, 27, 30]);
  assert.deepEqual(digitRunStarts("no numbers"), []);
});

Deno.test("a pattern tried only where matches can start finds what a global scan finds", () => {
  const re = /(?<!\d)\d{2,}(?:[.,]\d+)?/g;
  const text = "12.5, 3, 456 and 7,89 then 1234";
  const { anchored } = digitPattern(re);
  const starts = digitRunStarts(text);
  const spans = (ms: RegExpExecArray[]) => ms.map((m) => [m.index, m[0]]);
  assert.deepEqual(spans(matchesAt(text, anchored, starts)), spans([...text.matchAll(re)]));
  // Extra or unordered positions change nothing; a scan resumes after each match, as a
  // global one does ("12.5" hides the "5").
  assert.deepEqual(
    spans(matchesAt(text, anchored, [30, 0, 3, 1, 0, 9, 17, 19, 27])),
    spans([...text.matchAll(re)]),
  );
});

Deno.test("a pattern that starts before its digits is tried where the caller says it may", () => {
  const pattern = digitPattern(/(?<!\p{L})no\.\s*(\d+)/giu);
  const text = "see No. 15 and no.7, nono.8" + " and some words".repeat(10);
  // "no." ends just before the number or its spaces: it starts two letters before the dot.
  const startsOf = (t: string, digits: number[]) => digits.map((d) => t.lastIndexOf(".", d) - 2);
  const found = matchesNearDigits(text, pattern, digitRunStarts(text), startsOf);
  assert.deepEqual(found.map((m) => [m.index, m[1]]), [[4, "15"], [15, "7"]]);
});

Deno.test("text dense with numbers is read with one global scan", () => {
  const table = "1;2;3;4;5;6;7;8";
  // No positions are offered, yet every match is found.
  const found = matchesNearDigits(table, digitPattern(/\d/g), digitRunStarts(table), () => []);
  assert.deepEqual(found.map((m) => m[0]), ["1", "2", "3", "4", "5", "6", "7", "8"]);
});

Deno.test("runs are kept by their length and the character after them", () => {
  const text = "1.5, 12.50, 123.4, 7: 99";
  assert.equal(digitRunEnd(text, 5), 7);
  const dotted = runsWhere(1, 2, (c) => c === 46);
  assert.deepEqual(dotted(text, digitRunStarts(text)), [0, 5]);
  // A run at the very end has nothing after it.
  assert.deepEqual(runsWhere(1, 2, () => true)(text, digitRunStarts(text)), [0, 2, 5, 8, 16, 19]);
});
