import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import {
  endOfRange,
  ftsQuery,
  SEARCH_SOURCE_FIELDS,
  searchColumns,
  shapeStats,
  startOfRange,
  STATS_DAYS,
  statsSkeleton,
  tokens,
} from "./query.ts";
import { CATEGORIES, type Complaint, PRIORITIES, STATUSES } from "../schema/complaint.ts";
import { makeComplaint } from "../../test/support/complaints.ts";

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

Deno.test("searchColumns: subject, body with attachments and order numbers, customer", () => {
  const c = makeComplaint({
    subject: "Broken kettle",
    description: "It leaks",
    customer: { email: "ann@example.test", name: "Ann" },
    entities: { orderNumbers: ["ZE-1"], amounts: [], dates: [], products: [], phones: [] },
    attachments: [{
      filename: "photo.jpg",
      contentType: "image/jpeg",
      size: 1,
      sha256: "a",
      storageKey: "k",
      inline: false,
      extractedText: "water",
    }],
  });
  assert.deepEqual(searchColumns(c), {
    subject: "Broken kettle",
    body: "It leaks\nphoto.jpg water\nZE-1",
    customer: "Ann ann@example.test",
  });
});

Deno.test("searchColumns reads only SEARCH_SOURCE_FIELDS (updates elsewhere skip re-indexing)", () => {
  const source = makeComplaint({ subject: "From here", description: "and here" });
  const other = makeComplaint({ status: "closed", priority: "high", tags: ["t"] });
  const copied = { ...other } as Record<string, unknown>;
  for (const f of SEARCH_SOURCE_FIELDS) copied[f] = source[f as keyof Complaint];
  assert.deepEqual(searchColumns(copied as Complaint), searchColumns(source));
  assert.notDeepEqual(searchColumns(other), searchColumns(source));
});

Deno.test("shapeStats fills every known key, totals by status, lists days oldest first", () => {
  const stats = shapeStats({
    byStatus: [{ key: "new", count: 2 }, { key: "closed", count: 1n }],
    byCategory: [{ key: "billing", count: 3 }],
    byPriority: [{ key: "high", count: 3 }],
    days: [{ key: "2026-09-02", count: 1 }, { key: "2026-09-01", count: 2 }],
  });
  assert.equal(stats.total, 3);
  assert.equal(stats.byStatus.new, 2);
  assert.equal(stats.byStatus.closed, 1, "bigint counts become numbers");
  assert.equal(stats.byStatus.duplicate, 0);
  assert.equal(stats.byCategory.billing, 3);
  assert.equal(stats.byCategory.delivery, 0);
  assert.equal(stats.byPriority.low, 0);
  assert.deepEqual(stats.perDay, [
    { day: "2026-09-01", count: 2 },
    { day: "2026-09-02", count: 1 },
  ]);
});

Deno.test("shapeStats keeps the most recent STATS_DAYS days", () => {
  const days = Array.from({ length: STATS_DAYS + 5 }, (_, i) => ({
    key: new Date(Date.UTC(2026, 0, 60 - i)).toISOString().slice(0, 10),
    count: 1,
  }));
  const stats = shapeStats({ byStatus: [], byCategory: [], byPriority: [], days });
  assert.equal(stats.perDay.length, STATS_DAYS);
  assert.equal(stats.perDay.at(-1)?.day, days[0].key, "newest last");
  assert.equal(stats.perDay[0].day, days[STATS_DAYS - 1].key);
});
