import type { Config } from "../config.ts";
import { type BusinessCalendar, parseCalendar } from "./calendar.ts";
import { type SlaFields, slaFields } from "./sla.ts";
import {
  type Category,
  CLOSED_STATUSES,
  type Complaint,
  type Priority,
} from "../schema/complaint.ts";

/** Who owns what and how fast it must be handled; built once from config. */
export interface EscalationPolicy {
  teams: Record<Category, string>;
  /** Resolution targets per priority, in business hours. */
  slaHours: Record<Priority, number>;
  /** First-response targets (only the priorities SLA_FIRST_RESPONSE_HOURS names). */
  firstResponseHours: Partial<Record<Priority, number>>;
  /** When SLA clocks run. */
  calendar: BusinessCalendar;
}

export type SlaState = "on_time" | "due_soon" | "overdue" | "closed";

/** What the decide stage stores on a complaint. */
export interface Decision extends SlaFields {
  team: string;
  escalationLevel: number;
}

const LEVEL_BY_PRIORITY: Record<Priority, number> = { low: 0, medium: 1, high: 2, critical: 3 };
const PRIORITY_RANK = LEVEL_BY_PRIORITY;
/** Flags that put a complaint in front of management whatever its priority. */
export const TOP_LEVEL_FLAGS = ["safety", "legal", "fraud"] as const;
export const MAX_LEVEL = 3;

/**
 * The policy from config: the team per category (ESCALATION_TEAMS, already merged over each
 * category's default team and validated at start-up) and the SLA_*_HOURS.
 */
export function policyFromConfig(
  config: Pick<
    Config,
    | "SLA_CRITICAL_HOURS"
    | "SLA_HIGH_HOURS"
    | "SLA_MEDIUM_HOURS"
    | "SLA_LOW_HOURS"
    | "ESCALATION_TEAMS"
    | "SLA_FIRST_RESPONSE_HOURS"
    | "SLA_BUSINESS_HOURS"
    | "SLA_TIMEZONE"
    | "SLA_HOLIDAYS"
  >,
): EscalationPolicy {
  return {
    teams: { ...config.ESCALATION_TEAMS },
    firstResponseHours: { ...(config.SLA_FIRST_RESPONSE_HOURS ?? {}) },
    calendar: parseCalendar(
      config.SLA_BUSINESS_HOURS ?? "",
      config.SLA_TIMEZONE ?? "UTC",
      config.SLA_HOLIDAYS ?? "",
    ),
    slaHours: {
      critical: config.SLA_CRITICAL_HOURS,
      high: config.SLA_HIGH_HOURS,
      medium: config.SLA_MEDIUM_HOURS,
      low: config.SLA_LOW_HOURS,
    },
  };
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
    ...slaFields(policy, { priority: input.priority, receivedAt: input.receivedAt, status: "new" }),
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
 * Whether a complaint is worth an alert when it arrives (or first crosses the bar on a reply):
 * priority at or above TELEGRAM_MIN_PRIORITY and still open. The one place this is decided, so
 * the threshold has one default (the config's) wherever an arrival alert is considered.
 */
export function alertsOnArrival(
  config: Pick<Config, "TELEGRAM_MIN_PRIORITY">,
  complaint: Pick<Complaint, "priority" | "status">,
): boolean {
  return atLeast(complaint.priority, config.TELEGRAM_MIN_PRIORITY) &&
    !CLOSED_STATUSES.includes(complaint.status);
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
