import assert from "node:assert/strict";
import type { DatabaseSync } from "node:sqlite";
import { countAll, countChanges, readCounts, rebuildCounts } from "./sqlite_counts.ts";
import { type GroupCount, shapeStats, STATS_DAYS } from "./query.ts";
import { makeComplaint } from "../../test/support/complaints.ts";
import { withTempStore } from "../../test/support/store.ts";

/** The counts as grouping every complaint finds them (what `stats()` did before the triggers). */
function grouped(db: DatabaseSync) {
  const group = (col: string) =>
    db.prepare(`SELECT ${col} AS key, COUNT(*) AS count FROM complaints GROUP BY ${col}`)
      .all() as unknown as GroupCount[];
  return shapeStats({
    byStatus: group("status"),
    byCategory: group("category"),
    byPriority: group("priority"),
    days: db.prepare(
      `SELECT substr(received_at, 1, 10) AS key, COUNT(*) AS count FROM complaints
       GROUP BY key ORDER BY key DESC LIMIT ${STATS_DAYS}`,
    ).all() as unknown as GroupCount[],
  });
}

const day = (d: number, h = 10) => new Date(Date.UTC(2026, 8, d, h)).toISOString();

Deno.test("the counts follow creates, status/category/priority changes and moved days", () =>
  withTempStore(async (store) => {
    const a = makeComplaint({ status: "new", category: "billing", receivedAt: day(1) });
    const b = makeComplaint({ status: "new", category: "quality", receivedAt: day(1, 12) });
    const c = makeComplaint({ status: "closed", priority: "low", receivedAt: day(2) });
    for (const x of [a, b, c]) await store.createComplaint(x);
    // A repeat of a message creates nothing and counts nothing.
    await store.createComplaint({ ...makeComplaint(), messageId: a.messageId });
    assert.deepEqual(await store.stats(), grouped(store.db));
    assert.equal((await store.stats()).byStatus.new, 2);

    await store.updateComplaint(a.id, { status: "resolved" }, []);
    await store.updateComplaint(b.id, { category: "delivery", priority: "critical" }, []);
    await store.updateComplaint(c.id, { assignee: "x@example.test" }, []); // counts nothing
    await store.saveComplaint({ ...c, receivedAt: day(3) }); // moves to another day
    const stats = await store.stats();
    assert.deepEqual(stats, grouped(store.db));
    assert.equal(stats.byStatus.new, 1);
    assert.equal(stats.byStatus.resolved, 1);
    assert.equal(stats.byCategory.delivery, 1);
    assert.equal(stats.byPriority.critical, 1);
    assert.deepEqual(stats.perDay, [{ day: day(1).slice(0, 10), count: 2 }, {
      day: day(3).slice(0, 10),
      count: 1,
    }]);
    assert.equal(countAll(store.db), 3);
  }));

Deno.test("the counts keep only the newest days with complaints, like the grouped query", () =>
  withTempStore(async (store) => {
    for (let d = 0; d < STATS_DAYS + 5; d++) {
      await store.createComplaint(
        makeComplaint({ receivedAt: new Date(Date.UTC(2026, 6, 1 + d)).toISOString() }),
      );
    }
    const stats = await store.stats();
    assert.equal(stats.perDay.length, STATS_DAYS);
    assert.deepEqual(stats, grouped(store.db));
  }));

Deno.test("rebuilding recounts every complaint (a database from before the counts)", () =>
  withTempStore(async (store) => {
    for (const status of ["new", "new", "waiting", "duplicate"] as const) {
      await store.createComplaint(makeComplaint({ status }));
    }
    store.db.exec("UPDATE complaint_counts SET n = 99");
    assert.notDeepEqual(shapeStats(readCounts(store.db)), grouped(store.db));
    rebuildCounts(store.db);
    assert.deepEqual(shapeStats(readCounts(store.db)), grouped(store.db));
    assert.equal(countAll(store.db), 4);
  }));

Deno.test("an empty store counts nothing", () =>
  withTempStore(async (store) => {
    assert.equal(countAll(store.db), 0);
    assert.deepEqual(await store.stats(), grouped(store.db));
  }));

Deno.test("a write changes only the counts of the values it changed", () => {
  const row = (status: string, day = "2026-09-01T10:00:00.000Z") => ({
    status,
    category: "billing",
    priority: "high",
    received_at: day,
  });
  assert.deepEqual(countChanges(null, row("new")), [
    { dim: "status", key: "new", n: 1 },
    { dim: "category", key: "billing", n: 1 },
    { dim: "priority", key: "high", n: 1 },
    { dim: "day", key: "2026-09-01", n: 1 },
  ]);
  assert.deepEqual(countChanges(row("new"), row("closed", "2026-09-01T23:00:00.000Z")), [
    { dim: "status", key: "new", n: -1 },
    { dim: "status", key: "closed", n: 1 },
  ]);
  assert.deepEqual(countChanges(row("new"), row("new")), []);
  assert.deepEqual(countChanges(row("new"), row("new", "2026-09-02T00:00:00.000Z")), [
    { dim: "day", key: "2026-09-01", n: -1 },
    { dim: "day", key: "2026-09-02", n: 1 },
  ]);
  assert.equal(countChanges(row("new"), null).every((c) => c.n === -1), true);
});
