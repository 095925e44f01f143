import type { Agent } from "../schema/agent.ts";

/** What an agent update may change: never the id, the email (the login name) or createdAt. */
export const AGENT_CHANGEABLE = [
  "name",
  "role",
  "team",
  "active",
  "passwordHash",
  "sessionEpoch",
  "signature",
  "views",
  "updatedAt",
] as const;

export type AgentUpdate = Partial<Pick<Agent, (typeof AGENT_CHANGEABLE)[number]>>;

/**
 * The changeable fields of `changes`, others dropped: both adapters write only these, so a
 * caller cannot rename an agent's login or id through an update.
 */
export function allowedAgentChanges(changes: AgentUpdate): AgentUpdate {
  const out: Record<string, unknown> = {};
  for (const key of AGENT_CHANGEABLE) {
    if (changes[key] !== undefined) out[key] = changes[key];
  }
  return out as AgentUpdate;
}

/** The agent with the allowed changes applied (a new object). */
export function applyAgentUpdate(agent: Agent, changes: AgentUpdate): Agent {
  return { ...agent, ...allowedAgentChanges(changes) };
}
