import { z } from "zod";
import type { AppContext } from "../ports.ts";
import type { Complaint } from "../schema/complaint.ts";
import { LIST_PAGE, pagesOf } from "../store/pages.ts";
import { outcomeOf } from "../complaints/customer_story.ts";
import { slaOutcome } from "../escalation/sla.ts";
import { triageAgreement } from "../complaints/triage.ts";

/** What a report groups by. */
export const REPORT_DIMENSIONS = ["agent", "team", "category", "week"] as const;
export type ReportDimension = typeof REPORT_DIMENSIONS[number];

/** `GET /reports` query (and the page's): dimension, range (default: the last 28 days), format. */
export const reportQuerySchema = z.object({
  by: z.enum(REPORT_DIMENSIONS).default("week"),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  format: z.enum(["json", "csv"]).default("json"),
});
export type ReportQuery = z.infer<typeof reportQuerySchema>;

/** The range a query means at `now`: its dates, else the 28 days up to today (UTC). */
export function reportRange(
  q: Pick<ReportQuery, "from" | "to">,
  now: Date,
): { from: string; to: string } {
  const to = q.to ?? now.toISOString().slice(0, 10);
  const from = q.from ?? new Date(Date.parse(to) - 27 * 86_400_000).toISOString().slice(0, 10);
  return { from, to };
}

/** The most complaints one report reads (newest first); beyond it the report says so. */
export const REPORT_MAX = 5000;

/** One group's figures. Times are hours from receipt (wall clock); null without data. */
export interface ReportRow {
  key: string;
  /** The list showing this group's complaints (the same range). */
  href: string;
  complaints: number;
  firstResponse: { count: number; medianHours: number | null; p90Hours: number | null };
  resolution: { count: number; medianHours: number | null; p90Hours: number | null };
  /** Share of first responses within their target (null: no target or none answered yet). */
  firstResponseWithinSla: number | null;
  resolutionWithinSla: number | null;
  /** Share of analysed complaints whose category and priority agents kept. */
  triageAgreement: number | null;
}

export interface Report {
  by: ReportDimension;
  from: string;
  to: string;
  rows: ReportRow[];
  total: ReportRow;
  /** True when the range held more than {@link REPORT_MAX} complaints (the newest were read). */
  truncated: boolean;
}

/** The week (ISO, Monday) a complaint was received in: "2026-W49". */
export function isoWeek(iso: string): string {
  const d = new Date(iso);
  const day = (d.getUTCDay() + 6) % 7;
  const thursday = new Date(
    Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - day + 3),
  );
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  const week = 1 + Math.floor((thursday.getTime() - yearStart) / (7 * 86_400_000));
  return `${thursday.getUTCFullYear()}-W${String(week).padStart(2, "0")}`;
}

/** The value at a quantile of sorted numbers (nearest rank). */
export function quantile(sorted: number[], q: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/** When an agent first answered: the SLA clock's record, else the first non-automatic reply. */
function firstResponseAt(c: Complaint): string | undefined {
  return c.slaClock?.firstResponseAt ??
    c.messages.find((m) => m.direction === "outbound" && !m.auto)?.receivedAt;
}

const hours = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 3_600_000;
const round = (n: number | null, digits = 2) =>
  n === null ? null : Math.round(n * 10 ** digits) / 10 ** digits;
const share = (yes: number, all: number) => (all ? round(yes / all, 3) : null);

function rowOf(key: string, href: string, list: Complaint[]): ReportRow {
  const fr: number[] = [], res: number[] = [];
  let frKnown = 0, frMet = 0, resKnown = 0, resMet = 0;
  for (const c of list) {
    const first = firstResponseAt(c);
    if (first) fr.push(hours(c.receivedAt, first));
    const outcome = outcomeOf(c);
    if (outcome) res.push(hours(c.receivedAt, outcome.at));
    const sla = slaOutcome(
      {
        ...c,
        slaClock: c.slaClock ?? (first ? { firstResponseAt: first, pausedMs: 0 } : undefined),
      },
      outcome?.at ?? null,
    );
    if (sla.firstResponse !== null) (frKnown++, frMet += sla.firstResponse ? 1 : 0);
    if (sla.resolution !== null) (resKnown++, resMet += sla.resolution ? 1 : 0);
  }
  fr.sort((a, b) => a - b);
  res.sort((a, b) => a - b);
  return {
    key,
    href,
    complaints: list.length,
    firstResponse: {
      count: fr.length,
      medianHours: round(quantile(fr, 0.5)),
      p90Hours: round(quantile(fr, 0.9)),
    },
    resolution: {
      count: res.length,
      medianHours: round(quantile(res, 0.5)),
      p90Hours: round(quantile(res, 0.9)),
    },
    firstResponseWithinSla: share(frMet, frKnown),
    resolutionWithinSla: share(resMet, resKnown),
    triageAgreement: triageAgreement(list).overall.share,
  };
}

function keyOf(c: Complaint, by: ReportDimension): string {
  if (by === "agent") return c.assignee ?? "(unassigned)";
  if (by === "team") return c.team || "(no team)";
  if (by === "category") return c.category;
  return isoWeek(c.receivedAt);
}

function hrefOf(by: ReportDimension, key: string, from: string, to: string): string {
  const p = new URLSearchParams({ from, to, sort: "newest" });
  if (by === "agent") key === "(unassigned)" ? p.set("unassigned", "true") : p.set("assignee", key);
  if (by === "team" && key !== "(no team)") p.set("team", key);
  if (by === "category") p.set("category", key);
  return `/complaints?${p}`;
}

/**
 * Support figures for complaints received in [from, to] (dates, UTC), grouped by agent, team,
 * category or week: how fast the first answer and the resolution came (median, p90), the share
 * within SLA, and triage agreement. Duplicates are left out (they are answered with their
 * original). Reads at most {@link REPORT_MAX} complaints.
 */
export async function buildReport(
  ctx: Pick<AppContext, "store">,
  by: ReportDimension,
  from: string,
  to: string,
): Promise<Report> {
  const complaints: Complaint[] = [];
  let truncated = false;
  for await (const { items, total } of pagesOf(ctx.store, { from, to }, REPORT_MAX / LIST_PAGE)) {
    complaints.push(...items.filter((c) => c.status !== "duplicate"));
    truncated = total > REPORT_MAX;
  }
  const groups = Map.groupBy(complaints, (c) => keyOf(c, by));
  const rows = [...groups].map(([key, list]) => rowOf(key, hrefOf(by, key, from, to), list))
    .sort((a, b) =>
      by === "week"
        ? a.key.localeCompare(b.key)
        : b.complaints - a.complaints || a.key.localeCompare(b.key)
    );
  return {
    by,
    from,
    to,
    rows,
    total: rowOf("all", `/complaints?${new URLSearchParams({ from, to })}`, complaints),
    truncated,
  };
}

const CSV_COLUMNS = [
  "group",
  "complaints",
  "first_response_count",
  "first_response_median_hours",
  "first_response_p90_hours",
  "resolution_count",
  "resolution_median_hours",
  "resolution_p90_hours",
  "first_response_within_sla",
  "resolution_within_sla",
  "triage_agreement",
];

/** The report as CSV (RFC 4180; a group name that looks like a formula is defused). */
export function reportCsv(report: Report): string {
  const cell = (v: string | number | null) => {
    if (v === null) return "";
    let s = String(v);
    if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  const line = (r: ReportRow) =>
    [
      r.key,
      r.complaints,
      r.firstResponse.count,
      r.firstResponse.medianHours,
      r.firstResponse.p90Hours,
      r.resolution.count,
      r.resolution.medianHours,
      r.resolution.p90Hours,
      r.firstResponseWithinSla,
      r.resolutionWithinSla,
      r.triageAgreement,
    ].map(cell).join(",");
  return [CSV_COLUMNS.join(","), ...report.rows.map(line), line(report.total)].join("\r\n") +
    "\r\n";
}
