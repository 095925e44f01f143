import type { AppContext } from "../ports.ts";
import { InvalidError } from "../errors.ts";
import type { ComplaintPatch } from "../schema/complaint.ts";

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
