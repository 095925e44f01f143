import type { DatabaseSync } from "node:sqlite";
import { type GroupCount, STATS_DAYS, type StatsCounts } from "./query.ts";

/**
 * Complaint counts by status, category, priority and received day, changed by the store in the
 * same transaction as the complaint row they count. The dashboard and `/stats` read a few dozen
 * rows instead of grouping every complaint (≈ 50 ms at 100k). Rows whose count fell to zero stay
 * and are skipped on read. Not triggers: a trigger makes SQLite keep a statement journal for
 * every complaint write, which measured more than the counting itself.
 */
export const COUNTS_SCHEMA = `
CREATE TABLE IF NOT EXISTS complaint_counts (
  dim TEXT NOT NULL,
  key TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (dim, key)
) WITHOUT ROWID;
`;

/** Adds `:n` to the count of `:dim` = `:key` (one row, so no statement journal). */
export const ADD_COUNT = `INSERT INTO complaint_counts (dim, key, n) VALUES (:dim, :key, :n)
  ON CONFLICT (dim, key) DO UPDATE SET n = n + excluded.n`;

/** The counted columns of a complaint row. */
export interface CountedRow {
  status: unknown;
  category: unknown;
  priority: unknown;
  received_at: unknown;
}

/** One change of one count. */
export interface CountChange {
  dim: string;
  key: string;
  n: number;
}

/**
 * The count changes of writing a complaint row: −1 for each counted value `before` had and +1 for
 * each `after` has, none where they agree (`null` = no row: a create, or a removal).
 */
export function countChanges(before: CountedRow | null, after: CountedRow | null): CountChange[] {
  const values = (row: CountedRow | null): Record<string, string> | null =>
    row && {
      status: String(row.status),
      category: String(row.category),
      priority: String(row.priority),
      day: String(row.received_at).slice(0, 10),
    };
  const [was, now] = [values(before), values(after)];
  const changes: CountChange[] = [];
  for (const dim of ["status", "category", "priority", "day"]) {
    if (was?.[dim] === now?.[dim]) continue;
    if (was) changes.push({ dim, key: was[dim], n: -1 });
    if (now) changes.push({ dim, key: now[dim], n: 1 });
  }
  return changes;
}

/**
 * Recount from the complaints themselves (a database from before the counts existed), inside
 * the migration's transaction.
 */
export function rebuildCounts(db: DatabaseSync): void {
  db.exec(`DELETE FROM complaint_counts;
    INSERT INTO complaint_counts (dim, key, n)
      SELECT 'status', status, COUNT(*) FROM complaints GROUP BY status;
    INSERT INTO complaint_counts (dim, key, n)
      SELECT 'category', category, COUNT(*) FROM complaints GROUP BY category;
    INSERT INTO complaint_counts (dim, key, n)
      SELECT 'priority', priority, COUNT(*) FROM complaints GROUP BY priority;
    INSERT INTO complaint_counts (dim, key, n)
      SELECT 'day', substr(received_at, 1, 10), COUNT(*) FROM complaints GROUP BY 1;`);
}

/** The grouped counts `shapeStats` turns into `Stats`: days newest first, at most STATS_DAYS. */
export function readCounts(db: DatabaseSync): StatsCounts {
  const rows = db.prepare("SELECT dim, key, n FROM complaint_counts WHERE n > 0").all() as {
    dim: string;
    key: string;
    n: number;
  }[];
  const of = (dim: string): GroupCount[] =>
    rows.filter((r) => r.dim === dim).map((r) => ({ key: r.key, count: Number(r.n) }));
  return {
    byStatus: of("status"),
    byCategory: of("category"),
    byPriority: of("priority"),
    days: of("day").sort((a, b) => (a.key < b.key ? 1 : a.key > b.key ? -1 : 0)).slice(
      0,
      STATS_DAYS,
    ),
  };
}

/** How many complaints there are, without counting them. */
export function countAll(db: DatabaseSync): number {
  const row = db.prepare(
    "SELECT COALESCE(SUM(n), 0) AS n FROM complaint_counts WHERE dim = 'status'",
  ).get() as { n: number };
  return Number(row.n);
}
