import type { AppContext } from "../ports.ts";
import type { Complaint } from "../schema/complaint.ts";

/** The triage an agent may correct. */
export type TriageField = "category" | "priority" | "team";

/** The history action recording a change of each triage field. */
const CHANGE_ACTION: Record<TriageField, string> = {
  category: "category_changed",
  priority: "priority_changed",
  team: "team_changed",
};

/** Actors that are the product itself, not an agent (a customer's reply raising the priority). */
const NOT_AGENTS = new Set(["system"]);

/**
 * The value the analysis (and routing) gave before anyone changed it: recorded on the first
 * change as `original` (or, for entries from before that, its `from`); the current value while
 * nothing changed it. Later changes copy it, so it survives any number of corrections.
 */
export function originalTriage(c: Complaint, field: TriageField): string {
  const first = c.history.find((h) => h.action === CHANGE_ACTION[field]);
  if (!first) return c[field];
  const original = first.details.original ?? first.details.from;
  return typeof original === "string" ? original : c[field];
}

/**
 * Whether agents kept the analyzer's value: no agent changed it, or the last agent change put
 * the original back. Changes by the product itself do not count against the analyzer.
 */
export function agentKept(c: Complaint, field: TriageField): boolean {
  const last = c.history.findLast((h) =>
    h.action === CHANGE_ACTION[field] && !NOT_AGENTS.has(h.actor)
  );
  return !last || last.details.to === originalTriage(c, field);
}

/** Whether an agent (not the product itself) ever changed this triage field. */
export function agentChanged(c: Complaint, field: TriageField): boolean {
  return c.history.some((h) => h.action === CHANGE_ACTION[field] && !NOT_AGENTS.has(h.actor));
}

/** Which analyzer triaged it: `fallback` when Claude failed and the local one answered. */
export function analyzerOf(c: Complaint): string | null {
  if (!c.analysis) return null;
  return c.analysis.fallback ? "fallback" : c.analysis.analyzer;
}

/** The analyzers the dashboard always lists, even with no complaints. */
export const KNOWN_ANALYZERS = ["local", "claude", "fallback"] as const;

/** How many of the newest complaints the agreement is computed over. */
export const AGREEMENT_WINDOW = 500;

/** Agreement for one analyzer (or all). */
export interface AgreementRow {
  analyzer: string;
  /** Complaints it analysed (processed, not duplicates). */
  analysed: number;
  categoryKept: number;
  priorityKept: number;
  /** Category and priority both kept. */
  kept: number;
  /** kept / analysed; null when it analysed none. */
  share: number | null;
}

export interface TriageAgreement {
  /** How many of the newest complaints were looked at (at most {@link AGREEMENT_WINDOW}). */
  window: number;
  byAnalyzer: AgreementRow[];
  overall: AgreementRow;
}

/**
 * Triage agreement over these complaints: for each analyzer, the share of the complaints it
 * analysed whose category and priority agents kept. Duplicates and complaints whose analysis
 * never finished are not counted (nobody triages them).
 */
export function triageAgreement(complaints: Complaint[]): TriageAgreement {
  const rows = new Map<string, AgreementRow>();
  const row = (analyzer: string) => {
    let r = rows.get(analyzer);
    if (!r) {
      r = { analyzer, analysed: 0, categoryKept: 0, priorityKept: 0, kept: 0, share: null };
      rows.set(analyzer, r);
    }
    return r;
  };
  for (const a of KNOWN_ANALYZERS) row(a);
  const overall = row("all");
  rows.delete("all");
  for (const c of complaints) {
    const analyzer = analyzerOf(c);
    if (!analyzer || c.status === "duplicate" || c.processing.state !== "done") continue;
    const category = agentKept(c, "category");
    const priority = agentKept(c, "priority");
    for (const r of [row(analyzer), overall]) {
      r.analysed++;
      if (category) r.categoryKept++;
      if (priority) r.priorityKept++;
      if (category && priority) r.kept++;
    }
  }
  const byAnalyzer = [...rows.values()];
  for (const r of [...byAnalyzer, overall]) {
    r.share = r.analysed ? Math.round((r.kept / r.analysed) * 1000) / 1000 : null;
  }
  return { window: complaints.length, byAnalyzer, overall };
}

/**
 * Triage agreement over the newest {@link AGREEMENT_WINDOW} complaints (recent triage is what
 * tells whether today's analyzer is trusted; a bound keeps the dashboard's cost fixed), with
 * those complaints, newest first, for a caller that also lists the newest (the dashboard). One
 * read: each page of a list is a count and a query of its own.
 */
export async function loadNewestWithAgreement(
  ctx: Pick<AppContext, "store">,
): Promise<{ newest: Complaint[]; agreement: TriageAgreement }> {
  const { items } = await ctx.store.listComplaints({ page: 1, limit: AGREEMENT_WINDOW });
  const newest = items.slice(0, AGREEMENT_WINDOW);
  return { newest, agreement: triageAgreement(newest) };
}

/** Triage agreement over the newest complaints (see {@link loadNewestWithAgreement}). */
export async function loadTriageAgreement(
  ctx: Pick<AppContext, "store">,
): Promise<TriageAgreement> {
  return (await loadNewestWithAgreement(ctx)).agreement;
}
