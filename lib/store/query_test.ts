import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { endOfRange, ftsQuery, startOfRange, statsSkeleton, tokens } from "./query.ts";
import { CATEGORIES, PRIORITIES, STATUSES } from "../schema/complaint.ts";

Deno.test("ftsQuery quotes each word as a phrase and makes the last one a prefix", () => {
  assert.equal(ftsQuery("refund"), '"refund"*');
  assert.equal(ftsQuery("late  Delivery"), '"late"* "delivery"*');
  // A hyphenated order number stays one phrase of its tokens.
  assert.equal(ftsQuery("ZE-2026-031842"), '"ze 2026 031842"*');
});

Deno.test("ftsQuery neutralises operators and quotes", () => {
  const q = ftsQuery('refund OR "broken" NOT -x* NEAR(a b) col:val')!;
  // Every user term is inside a quoted phrase: nothing is left for FTS5 to read as syntax.
  const outside = q.replace(/"[^"]*"\*/g, "").trim();
  assert.equal(outside, "");
  assert.ok(!/[()^:\-]/.test(q.replace(/"[^"]*"/g, "")));
  assert.equal(q, '"refund"* "or"* "broken"* "not"* "x"* "near a"* "b"* "col val"*');
  assert.equal(ftsQuery('"unterminated'), '"unterminated"*');
});

Deno.test("ftsQuery output is valid FTS5 syntax for hostile input and finds by prefix", () => {
  const db = new DatabaseSync(":memory:");
  try {
    db.exec("CREATE VIRTUAL TABLE t USING fts5(body, tokenize = 'unicode61 remove_diacritics 2')");
    db.prepare("INSERT INTO t(body) VALUES (?)").run("Parcel ZE-2026-031842 arrived broken");
    const match = db.prepare("SELECT count(*) AS n FROM t WHERE t MATCH ?");
    const hostile = ['a" OR "b', "NEAR(", "body:x", "*", "^start", "x AND", '"', "(a OR b"];
    for (const input of hostile) {
      const q = ftsQuery(input);
      if (q !== null) match.get(q); // throws on an FTS5 syntax error
    }
    assert.equal(match.get(ftsQuery("ze-2026-0318")!)?.n, 1, "prefix of the last token");
    assert.equal(match.get(ftsQuery("parcel brok")!)?.n, 1);
    assert.equal(match.get(ftsQuery("2026-031842 ze")!)?.n, 1, "words in any order");
    assert.equal(match.get(ftsQuery("parcel OR missing")!)?.n, 0, "OR is a word, not an operator");
  } finally {
    db.close();
  }
});

Deno.test("ftsQuery keeps letters of any script", () => {
  assert.equal(ftsQuery("Возврат денег"), '"возврат"* "денег"*');
});

Deno.test("ftsQuery returns null when nothing searchable is left", () => {
  assert.equal(ftsQuery(""), null);
  assert.equal(ftsQuery("   "), null);
  assert.equal(ftsQuery('"" * - ( ) : ^'), null);
});

Deno.test("tokens lowercases and keeps letter/digit runs only", () => {
  assert.deepEqual(tokens("Order #A-12, Café!"), ["order", "a", "12", "café"]);
  assert.deepEqual(tokens("Заказ №55"), ["заказ", "55"]);
  assert.deepEqual(tokens("--- ..."), []);
});

Deno.test("startOfRange/endOfRange: a bare date covers its whole UTC day", () => {
  assert.equal(startOfRange("2026-09-07"), "2026-09-07T00:00:00.000Z");
  assert.equal(endOfRange("2026-09-07"), "2026-09-07T23:59:59.999Z");
});

Deno.test("startOfRange/endOfRange: a datetime is normalised to UTC ISO", () => {
  assert.equal(startOfRange("2026-09-07T10:00:00+05:00"), "2026-09-07T05:00:00.000Z");
  assert.equal(endOfRange("2026-09-07T10:00:00.5Z"), "2026-09-07T10:00:00.500Z");
});

Deno.test("statsSkeleton has every status, category and priority at zero", () => {
  const s = statsSkeleton();
  assert.equal(s.total, 0);
  assert.deepEqual(Object.keys(s.byStatus), [...STATUSES]);
  assert.deepEqual(Object.keys(s.byCategory), [...CATEGORIES]);
  assert.deepEqual(Object.keys(s.byPriority), [...PRIORITIES]);
  for (const m of [s.byStatus, s.byCategory, s.byPriority]) {
    assert.ok(Object.values(m).every((v) => v === 0));
  }
  assert.deepEqual(s.perDay, []);
  // Each call is a fresh object: callers mutate it while counting.
  s.byStatus.new = 5;
  assert.equal(statsSkeleton().byStatus.new, 0);
});
