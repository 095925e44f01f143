import type { Analysis } from "../analyze/port.ts";
import { decide, type Decision, policyFromConfig } from "../escalation/policy.ts";

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
