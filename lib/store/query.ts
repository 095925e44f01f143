import {
  CATEGORIES,
  type Complaint,
  PRIORITIES,
  type Stats,
  STATUSES,
} from "../schema/complaint.ts";

/**
 * Turn free text into a safe full-text query: each word becomes a quoted phrase of its
 * letter/digit tokens (so "ZE-2026-031842" matches as one phrase), the last token a prefix.
 * Returns null when nothing searchable is left. No user operator syntax survives.
 */
export function ftsQuery(q: string): string | null {
  const phrases = q.split(/\s+/).map(tokens).filter((t) => t.length > 0);
  if (phrases.length === 0) return null;
  return phrases.map((t) => `"${t.join(" ")}"*`).join(" ");
}

/** Letter/digit tokens of a word, lowercased, as both stores tokenize them. */
export function tokens(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** The three texts full-text search looks in; both adapters index exactly these. */
export interface SearchColumns {
  subject: string;
  /** Description, attachment names and extracted text, order numbers. */
  body: string;
  /** Customer name and address. */
  customer: string;
}

/**
 * The complaint fields {@link searchColumns} reads. An update that touches none of them leaves
 * the search index alone (re-tokenizing a whole body on every status change costs ingest time).
 */
export const SEARCH_SOURCE_FIELDS: ReadonlySet<string> = new Set([
  "subject",
  "description",
  "attachments",
  "entities",
  "customer",
]);

/** What a complaint is found by: the one definition the SQLite FTS rows and MongoDB fields share. */
export function searchColumns(c: Complaint): SearchColumns {
  return {
    subject: c.subject,
    body: [
      c.description,
      ...c.attachments.map((a) => `${a.filename} ${a.extractedText}`),
      ...c.entities.orderNumbers,
    ].join("\n"),
    customer: `${c.customer.name} ${c.customer.email}`,
  };
}

/** ISO instant for the start of a `from` filter (a bare date means its first millisecond, UTC). */
export function startOfRange(value: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(value)
    ? `${value}T00:00:00.000Z`
    : new Date(value).toISOString();
}

/** ISO instant for the end of a `to` filter (a bare date includes the whole day, UTC). */
export function endOfRange(value: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(value)
    ? `${value}T23:59:59.999Z`
    : new Date(value).toISOString();
}

/** Stats with every known status, category and priority at zero. */
export function statsSkeleton(): Stats {
  const zero = (keys: readonly string[]) => Object.fromEntries(keys.map((k) => [k, 0]));
  return {
    total: 0,
    byStatus: zero(STATUSES),
    byCategory: zero(CATEGORIES),
    byPriority: zero(PRIORITIES),
    perDay: [],
  };
}

/** How many most recent days with complaints `Stats.perDay` lists. */
export const STATS_DAYS = 30;

/** One group of a count query: a status, category, priority or day, and how many. */
export interface GroupCount {
  key: string;
  count: number | bigint;
}

/** The grouped counts an adapter queries; {@link shapeStats} turns them into `Stats`. */
export interface StatsCounts {
  byStatus: GroupCount[];
  byCategory: GroupCount[];
  byPriority: GroupCount[];
  /** Per received day (`YYYY-MM-DD`), newest first, at most {@link STATS_DAYS}. */
  days: GroupCount[];
}

/**
 * Stats from grouped counts: every known status, category and priority present (zero when no
 * complaint has it), the total as the sum over statuses, days oldest first for the chart.
 */
export function shapeStats(counts: StatsCounts): Stats {
  const stats = statsSkeleton();
  const fill = (into: Record<string, number>, rows: GroupCount[]) => {
    for (const r of rows) into[r.key] = Number(r.count);
  };
  fill(stats.byStatus, counts.byStatus);
  fill(stats.byCategory, counts.byCategory);
  fill(stats.byPriority, counts.byPriority);
  stats.total = Object.values(stats.byStatus).reduce((a, b) => a + b, 0);
  stats.perDay = counts.days.slice(0, STATS_DAYS).reverse().map((d) => ({
    day: d.key,
    count: Number(d.count),
  }));
  return stats;
}

/** Statuses the SLA filter never matches: the one closed-status list, under the name adapters use. */
export { CLOSED_STATUSES as SLA_CLOSED_STATUSES } from "../schema/complaint.ts";

/** The instant an `sla` filter is judged at, as a comparable ISO string. */
export function slaInstant(slaNow: string | undefined): string {
  return (slaNow ? new Date(slaNow) : new Date()).toISOString();
}

/** How far ahead "Due within the hour" looks. */
export const DUE_WITHIN_MS = 60 * 60_000;

/** Priorities by urgency, for sorting (critical first). */
export const PRIORITY_RANK: Readonly<Record<string, number>> = {
  critical: 0,
  high: 1,
  medium: 2,
  low: 3,
};
