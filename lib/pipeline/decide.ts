import type { Analysis } from "../analyze/port.ts";
import { type Category, CATEGORY_INFO, type Priority } from "../schema/complaint.ts";

const LEVEL_BY_PRIORITY: Record<Priority, number> = { low: 0, medium: 1, high: 2, critical: 3 };

/** The team that owns a category. */
export function teamFor(category: Category): string {
  return CATEGORY_INFO[category].team;
}

/** Escalation level 0–3: the higher of the priority's level and the analyzer's own call. */
export function escalationLevel(analysis: Pick<Analysis, "priority" | "escalationLevel">): number {
  return Math.min(3, Math.max(LEVEL_BY_PRIORITY[analysis.priority], analysis.escalationLevel));
}

/** Whether a complaint of this priority raises an alert at all. */
export function shouldAlert(priority: Priority, minimum: Priority = "high"): boolean {
  return LEVEL_BY_PRIORITY[priority] >= LEVEL_BY_PRIORITY[minimum];
}
