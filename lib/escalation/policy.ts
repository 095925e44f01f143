import type { Config } from "../config.ts";
import {
  CATEGORIES,
  type Category,
  CATEGORY_INFO,
  type Complaint,
  type Priority,
  type Status,
} from "../schema/complaint.ts";

/** Who owns what and how fast it must be handled; built once from config. */
export interface EscalationPolicy {
  teams: Record<Category, string>;
  slaHours: Record<Priority, number>;
}

export type SlaState = "on_time" | "due_soon" | "overdue" | "closed";

/** What the decide stage stores on a complaint. */
export interface Decision {
  team: string;
  escalationLevel: number;
  slaDueAt: string;
  slaWarnAt: string;
}

const LEVEL_BY_PRIORITY: Record<Priority, number> = { low: 0, medium: 1, high: 2, critical: 3 };
const PRIORITY_RANK = LEVEL_BY_PRIORITY;
/** Flags that put a complaint in front of management whatever its priority. */
export const TOP_LEVEL_FLAGS = ["safety", "legal", "fraud"] as const;
/** Statuses in which nobody has to act any more: no SLA clock, no escalation. */
export const CLOSED_STATUSES: readonly Status[] = ["resolved", "closed", "duplicate"];
/** Share of the SLA window left when a complaint counts as due soon. */
const DUE_SOON_SHARE = 0.25;
export const MAX_LEVEL = 3;

/** The policy from config: SLA_*_HOURS and ESCALATION_TEAMS ("category:team,…") over defaults. */
export function policyFromConfig(
  config: Pick<
    Config,
    | "SLA_CRITICAL_HOURS"
    | "SLA_HIGH_HOURS"
    | "SLA_MEDIUM_HOURS"
    | "SLA_LOW_HOURS"
    | "ESCALATION_TEAMS"
  >,
): EscalationPolicy {
  const teams = Object.fromEntries(CATEGORIES.map((c) => [c, CATEGORY_INFO[c].team])) as Record<
    Category,
    string
  >;
  for (const [category, team] of parsePairs(config.ESCALATION_TEAMS)) {
    if ((CATEGORIES as readonly string[]).includes(category)) teams[category as Category] = team;
  }
  return {
    teams,
    slaHours: {
      critical: config.SLA_CRITICAL_HOURS,
      high: config.SLA_HIGH_HOURS,
      medium: config.SLA_MEDIUM_HOURS,
      low: config.SLA_LOW_HOURS,
    },
  };
}

/** The default policy (the seed's teams; 1 h / 4 h / 24 h / 72 h). */
export const DEFAULT_POLICY: EscalationPolicy = policyFromConfig({
  SLA_CRITICAL_HOURS: 1,
  SLA_HIGH_HOURS: 4,
  SLA_MEDIUM_HOURS: 24,
  SLA_LOW_HOURS: 72,
  ESCALATION_TEAMS: "",
});

/** "a:b, c:d" → [["a","b"],["c","d"]]; blanks and pairs without both halves are skipped. */
export function parsePairs(text: string): [string, string][] {
  const pairs: [string, string][] = [];
  for (const part of text.split(",")) {
    const at = part.indexOf(":");
    if (at < 0) continue;
    const key = part.slice(0, at).trim();
    const value = part.slice(at + 1).trim();
    if (key && value) pairs.push([key, value]);
  }
  return pairs;
}

/** The team that owns a category. */
export function teamFor(policy: EscalationPolicy, category: Category): string {
  return policy.teams[category];
}

/**
 * Escalation level 0–3: the highest of the priority's level, the analyzer's own call and the
 * flags (safety, legal and fraud go straight to 3).
 */
export function levelFor(priority: Priority, tags: readonly string[], analyzerLevel = 0): number {
  const flagged = tags.some((t) => (TOP_LEVEL_FLAGS as readonly string[]).includes(t));
  const level = Math.max(LEVEL_BY_PRIORITY[priority], analyzerLevel, flagged ? MAX_LEVEL : 0);
  return Math.min(MAX_LEVEL, Math.max(0, Math.trunc(level)));
}

/** The SLA window of a priority in milliseconds. */
export function slaWindowMs(policy: EscalationPolicy, priority: Priority): number {
  return Math.round(policy.slaHours[priority] * 3_600_000);
}

/** When the SLA falls due and when it starts counting as due soon, from the time received. */
export function slaTimes(
  policy: EscalationPolicy,
  priority: Priority,
  receivedAt: string,
): { slaDueAt: string; slaWarnAt: string } {
  const start = new Date(receivedAt).getTime();
  const window = slaWindowMs(policy, priority);
  return {
    slaDueAt: new Date(start + window).toISOString(),
    slaWarnAt: new Date(start + Math.round(window * (1 - DUE_SOON_SHARE))).toISOString(),
  };
}

/** Team, level and SLA for a freshly analysed complaint. */
export function decide(
  policy: EscalationPolicy,
  input: {
    category: Category;
    priority: Priority;
    tags: readonly string[];
    escalationLevel?: number;
    receivedAt: string;
  },
): Decision {
  return {
    team: teamFor(policy, input.category),
    escalationLevel: levelFor(input.priority, input.tags, input.escalationLevel ?? 0),
    ...slaTimes(policy, input.priority, input.receivedAt),
  };
}

/** On time, due soon, overdue, or closed (nothing left to do); complaints without an SLA are on time. */
export function slaState(
  complaint: Pick<Complaint, "status"> & { slaDueAt?: string; slaWarnAt?: string },
  now: Date,
): SlaState {
  if (CLOSED_STATUSES.includes(complaint.status)) return "closed";
  if (!complaint.slaDueAt) return "on_time";
  const t = now.getTime();
  if (t >= new Date(complaint.slaDueAt).getTime()) return "overdue";
  if (complaint.slaWarnAt && t >= new Date(complaint.slaWarnAt).getTime()) return "due_soon";
  return "on_time";
}

/** Whether a priority is at or above a minimum (alert thresholds). */
export function atLeast(priority: Priority, minimum: Priority): boolean {
  return PRIORITY_RANK[priority] >= PRIORITY_RANK[minimum];
}

/**
 * The level an overdue complaint should have reached: one step when the SLA passes and one more
 * per further SLA window without action, never above 3 and never below its current level.
 */
export function overdueLevel(
  policy: EscalationPolicy,
  complaint: Pick<Complaint, "priority" | "escalationLevel"> & { slaDueAt?: string },
  baseLevel: number,
  now: Date,
): number {
  if (!complaint.slaDueAt) return complaint.escalationLevel;
  const late = now.getTime() - new Date(complaint.slaDueAt).getTime();
  if (late < 0) return complaint.escalationLevel;
  const steps = 1 + Math.floor(late / Math.max(1, slaWindowMs(policy, complaint.priority)));
  return Math.max(complaint.escalationLevel, Math.min(MAX_LEVEL, baseLevel + steps));
}
