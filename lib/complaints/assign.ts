import type { AppContext } from "../ports.ts";
import { InvalidError, NotFoundError } from "../errors.ts";
import type { Complaint, ComplaintPatch } from "../schema/complaint.ts";
import type { AgentView } from "../schema/agent.ts";
import { applyAgentPatch } from "./update.ts";

/**
 * An agent-facing patch with its assignee checked: it must be an active agent's email (stored
 * lowercased, as the agent's login), or "" / null to unassign. Anything else — free text, an
 * unknown address, a deactivated agent — is refused (the edge answers 422), so every assignee
 * shown on a complaint is someone who can log in and act on it.
 */
export async function checkAssignee(
  ctx: Pick<AppContext, "store">,
  patch: ComplaintPatch,
): Promise<ComplaintPatch> {
  if (patch.assignee === undefined || patch.assignee === null || patch.assignee === "") {
    return patch;
  }
  const agent = await ctx.store.getAgentByEmail(patch.assignee.trim().toLowerCase());
  if (!agent || !agent.active) {
    throw new InvalidError(`assignee: ${patch.assignee} is not an active agent's email`, {
      code: "unknown_assignee",
    });
  }
  return { ...patch, assignee: agent.email };
}

/**
 * "Take it" on the detail page: the agent becomes the assignee, and a new complaint moves to
 * in progress (as Telegram's Take-it button does). History records the agent as the actor.
 */
export async function takeComplaint(
  ctx: Pick<AppContext, "store" | "now" | "policy">,
  id: string,
  agent: Pick<AgentView, "email">,
): Promise<Complaint> {
  const current = await ctx.store.getComplaint(id);
  if (!current) throw new NotFoundError(`No complaint ${id}`);
  return await applyAgentPatch(ctx, id, {
    assignee: agent.email,
    ...(current.status === "new" ? { status: "in_progress" as const } : {}),
  }, agent.email);
}

/** The name to show for an assignee: the agent's, or the stored text for older assignments. */
export function assigneeName(
  assignee: string | null,
  agents: Pick<AgentView, "email" | "name">[],
): string | null {
  if (!assignee) return null;
  return agents.find((a) => a.email === assignee.toLowerCase())?.name ?? assignee;
}
