import type { Analysis } from "../analyze/port.ts";
import { decide, type Decision, type EscalationPolicy } from "../escalation/policy.ts";

/** The decide stage: team, escalation level and SLA times from the configured policy. */
export function decideFor(
  policy: EscalationPolicy,
  analysis: Pick<Analysis, "category" | "priority" | "escalationLevel" | "tags">,
  receivedAt: string,
): Decision {
  return decide(policy, { ...analysis, receivedAt });
}
