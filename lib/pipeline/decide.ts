import type { Analysis } from "../analyze/port.ts";
import type { Category, Priority } from "../schema/complaint.ts";
import {
  atLeast,
  decide,
  type Decision,
  DEFAULT_POLICY,
  levelFor,
  policyFromConfig,
} from "../escalation/policy.ts";

/** The team that owns a category (default policy; `decideFor` honours config). */
export function teamFor(category: Category): string {
  return DEFAULT_POLICY.teams[category];
}

/** Escalation level 0–3: the higher of the priority's level and the analyzer's own call. */
export function escalationLevel(
  analysis: Pick<Analysis, "priority" | "escalationLevel"> & { tags?: string[] },
): number {
  return levelFor(analysis.priority, analysis.tags ?? [], analysis.escalationLevel);
}

/** Whether a complaint of this priority raises an alert at all. */
export function shouldAlert(priority: Priority, minimum: Priority = "high"): boolean {
  return atLeast(priority, minimum);
}

/** The decide stage: team, escalation level and SLA times from the configured policy. */
export function decideFor(
  config: Parameters<typeof policyFromConfig>[0],
  analysis: Pick<Analysis, "category" | "priority" | "escalationLevel" | "tags">,
  receivedAt: string,
): Decision {
  return decide(policyFor(config), { ...analysis, receivedAt });
}

const policies = new WeakMap<object, ReturnType<typeof policyFromConfig>>();

/** The policy of a config, built once. */
export function policyFor(config: Parameters<typeof policyFromConfig>[0]) {
  let policy = policies.get(config);
  if (!policy) policies.set(config, policy = policyFromConfig(config));
  return policy;
}
