import assert from "node:assert/strict";
import { SqliteStore } from "./sqlite.ts";
import { searchPlan } from "./search_plan.ts";
import { ftsQuery, PRIORITY_RANK, SLA_CLOSED_STATUSES } from "./query.ts";
import { type Complaint, listQuerySchema, PRIORITIES, STATUSES } from "../schema/complaint.ts";
import { makeComplaint } from "../../test/support/complaints.ts";
import { withTempStore } from "../../test/support/store.ts";

// The orders as the documents themselves gave them before the sort keys were stored: the
// reference the stored-key orders and both search plans must reproduce.
const CLOSED = SLA_CLOSED_STATUSES.map((s) => `'${s}'`).join(", ");
const SLA = `CASE WHEN c.status IN (${CLOSED}) THEN 2
  WHEN json_extract(c.doc, '$.slaDueAt') IS NULL THEN 1 ELSE 0 END,
  json_extract(c.doc, '$.slaDueAt')`;
const PRIORITY = `CASE WHEN c.status IN (${CLOSED}) THEN 9 ELSE CASE c.priority ${
  Object.entries(PRIORITY_RANK).map(([p, n]) => `WHEN '${p}' THEN ${n}`).join(" ")
} ELSE 8 END END`;
const NEWEST = "c.received_at DESC, c.id DESC";
const REFERENCE_ORDER = {
  newest: NEWEST,
  sla: `${SLA}, ${NEWEST}`,
  priority: `${PRIORITY}, ${SLA}, ${NEWEST}`,
} as const;
type Sort = keyof typeof REFERENCE_ORDER;

const WORDS = ["refund", "courier", "blender", "invoice", "cracked", "доставка", "тапсырыс"];

/** Complaints over every status, priority and SLA shape, with words of every frequency. */
function varied(n: number): Complaint[] {
  return Array.from({ length: n }, (_, i) => {
    // Word k appears in about one complaint in 2^k: "refund" in half, "тапсырыс" in 1 of 64.
    const words = WORDS.filter((_, k) => i % 2 ** (k + 1) === 0);
    const hour = i % 7; // ties in receivedAt are ordered by id
    return makeComplaint({
      status: STATUSES[i % STATUSES.length],
      priority: PRIORITIES[(i * 7) % PRIORITIES.length],
      slaDueAt: i % 3 === 0 ? undefined : new Date(Date.UTC(2026, 8, 1 + (i % 11))).toISOString(),
      subject: `Case ${i} ${words.join(" ")}`,
      receivedAt: new Date(Date.UTC(2026, 7, 1 + (i % 20), hour)).toISOString(),
    });
  });
}

function referenceIds(
  store: SqliteStore,
  sort: Sort,
  opts: { q?: string; where?: string; limit: number; offset: number },
): string[] {
  const match = opts.q ? ftsQuery(opts.q) : null;
  const where = [opts.where, match ? "complaints_fts MATCH :match" : undefined].filter(Boolean);
  const rows = store.db.prepare(
    `SELECT c.id FROM complaints c ${match ? "JOIN complaints_fts f ON f.rowid = c.rowid" : ""}
     ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
     ORDER BY ${REFERENCE_ORDER[sort]} LIMIT :limit OFFSET :offset`,
  ).all({ limit: opts.limit, offset: opts.offset, ...(match ? { match } : {}) }) as {
    id: string;
  }[];
  return rows.map((r) => r.id);
}

Deno.test("the stored sort keys order lists exactly as the documents' SLA and priority did", () =>
  withTempStore(async (store) => {
    for (const c of varied(120)) await store.createComplaint(c);
    // Changes move a complaint in the order: closing it, a new due time, a new priority.
    const { items } = await store.listComplaints(listQuerySchema.parse({ limit: 9 }));
    await store.updateComplaint(items[0].id, { status: "closed" }, []);
    await store.updateComplaint(items[1].id, { slaDueAt: "2026-08-01T00:00:00.000Z" }, []);
    await store.updateComplaint(items[2].id, { priority: "critical" }, []);
    await store.updateComplaint(items[3].id, { status: "new", slaDueAt: undefined }, []);
    for (const sort of ["newest", "sla", "priority"] as const) {
      for (const filter of [{}, { status: "new" }, { status: "closed", category: "other" }]) {
        const query = listQuerySchema.parse({ ...filter, sort, limit: 100 });
        const where = Object.entries(filter).map(([k, v]) => `c.${k} = '${v}'`).join(" AND ");
        assert.deepEqual(
          (await store.listComplaints(query)).items.map((c) => c.id),
          referenceIds(store, sort, { where: where || undefined, limit: 100, offset: 0 }),
          `${sort} ${JSON.stringify(filter)}`,
        );
      }
    }
  }));

Deno.test("a search alone finds, counts and pages the same by either plan as the joined query", () =>
  withTempStore(async (store) => {
    const all = varied(256);
    for (const c of all) await store.createComplaint(c);
    const plans = new Set<string>();
    for (const q of [...WORDS, "refund courier", "nothing-like-it", "case"]) {
      const joined = store.db.prepare(
        `SELECT COUNT(*) AS n FROM complaints c JOIN complaints_fts f ON f.rowid = c.rowid
         WHERE complaints_fts MATCH :match`,
      ).get({ match: ftsQuery(q)! }) as { n: number };
      for (const sort of ["newest", "sla", "priority"] as const) {
        for (const page of [1, 2, 4]) {
          const limit = 10;
          const offset = (page - 1) * limit;
          const result = await store.listComplaints(
            listQuerySchema.parse({ q, sort, page, limit }),
          );
          assert.equal(result.total, Number(joined.n), `total of ${q}`);
          assert.deepEqual(
            result.items.map((c) => c.id),
            referenceIds(store, sort, { q, limit, offset }),
            `${q} ${sort} page ${page}`,
          );
          if (sort !== "priority") plans.add(searchPlan(result.total, all.length, offset, limit));
        }
      }
    }
    // The words were chosen so that both plans are exercised.
    assert.deepEqual([...plans].sort(), ["matches", "walk"]);
  }));

Deno.test("the retry listing and the processing views find unfinished complaints by their partial index, and list exactly them", () =>
  withTempStore(async (store) => {
    const states = ["done", "pending", "failed", "dead"] as const;
    for (let i = 0; i < 40; i++) {
      await store.createComplaint(makeComplaint({
        processing: { state: states[i % 4], attempts: 1 },
        receivedAt: new Date(Date.UTC(2026, 8, 1, 0, i)).toISOString(),
      }));
    }
    for (const state of states) {
      const list = await store.listComplaints(listQuerySchema.parse({ processing: state }));
      assert.equal(list.total, 10, state);
      assert.ok(list.items.every((c) => c.processing.state === state));
    }
    const due = await store.listRetryable("2026-09-02T00:00:00.000Z", 100);
    assert.deepEqual(new Set(due.map((c) => c.processing.state)), new Set(["pending", "failed"]));
    assert.equal(due.length, 20);
    const plan = (sql: string) =>
      JSON.stringify(store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all({ p: "dead" }));
    assert.match(
      plan(
        "SELECT doc FROM complaints c WHERE c.processing_state = :p AND c.processing_state != 'done'",
      ),
      /complaints_unfinished/,
    );
    const names = (store.db.prepare("SELECT name FROM sqlite_master WHERE type = 'index'")
      .all() as { name: string }[]).map((r) => r.name);
    assert.ok(!names.includes("complaints_created"), "no index that no query reads");
  }));
