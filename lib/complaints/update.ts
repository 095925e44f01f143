import type { AppContext } from "../ports.ts";
import { InvalidError, NotFoundError } from "../errors.ts";
import type { Complaint, ComplaintPatch, HistoryEntry } from "../schema/complaint.ts";
import type { ComplaintUpdate } from "../store/port.ts";
import { teamFor } from "../escalation/policy.ts";
import { slaOnPriority, slaOnStatus } from "../escalation/sla.ts";
import { originalTriage } from "./triage.ts";
import { exampleOf } from "../analyze/corrections.ts";

/**
 * Apply an agent's change to a complaint: each changed field and each note becomes one history
 * entry. Unknown id → 404; a patch that changes nothing leaves the complaint as it is.
 */
export async function applyAgentPatch(
  ctx: Pick<AppContext, "store" | "now" | "policy"> & Partial<Pick<AppContext, "corrections">>,
  id: string,
  patch: ComplaintPatch,
  actor: string,
): Promise<Complaint> {
  const current = await ctx.store.getComplaint(id);
  if (!current) throw new NotFoundError(`No complaint ${id}`);
  const at = ctx.now().toISOString();
  const changes: ComplaintUpdate = {};
  const history: HistoryEntry[] = [];
  if (patch.status !== undefined && patch.status !== current.status) {
    changes.status = patch.status;
    history.push({
      at,
      actor,
      action: "status_changed",
      details: { from: current.status, to: patch.status },
    });
  }
  if (patch.assignee !== undefined) {
    const assignee = patch.assignee === "" ? null : patch.assignee;
    if (assignee !== current.assignee) {
      changes.assignee = assignee;
      history.push({
        at,
        actor,
        action: "assigned",
        details: { from: current.assignee, to: assignee },
      });
    }
  }
  if (patch.priority !== undefined && patch.priority !== current.priority) {
    changes.priority = patch.priority;
    history.push({
      at,
      actor,
      action: "priority_changed",
      details: {
        from: current.priority,
        to: patch.priority,
        original: originalTriage(current, "priority"),
      },
    });
  }
  if (patch.category !== undefined && patch.category !== current.category) {
    changes.category = patch.category;
    history.push({
      at,
      actor,
      action: "category_changed",
      details: {
        from: current.category,
        to: patch.category,
        original: originalTriage(current, "category"),
      },
    });
  }
  // A new category takes the complaint to its team, unless the agent names one or had already
  // moved it away from the old category's team (a deliberate choice is kept).
  const team = patch.team ??
    (changes.category && current.team === teamFor(ctx.policy, current.category)
      ? teamFor(ctx.policy, changes.category)
      : undefined);
  if (team !== undefined && team !== current.team) {
    if (patch.team !== undefined) await checkTeam(ctx, team);
    changes.team = team;
    history.push({
      at,
      actor,
      action: "team_changed",
      details: {
        from: current.team,
        to: team,
        original: originalTriage(current, "team"),
        ...(patch.team === undefined ? { reason: "category" } : {}),
      },
    });
  }
  if (patch.note !== undefined) {
    history.push({ at, actor, action: "note", details: { text: patch.note } });
  }
  if (history.length === 0) return current;
  if (changes.category !== undefined || changes.priority !== undefined) {
    changes.triageCorrectedAt = at;
  }
  if (changes.status !== undefined || changes.priority !== undefined) {
    // The SLA keeps its start (receipt) and its clock: a new priority moves the deadlines, and
    // waiting on the customer stops them (lib/escalation/sla.ts).
    const next = { ...current, ...changes };
    Object.assign(
      changes,
      changes.status !== undefined
        ? slaOnStatus(ctx.policy, next, next.status, ctx.now())
        : slaOnPriority(ctx.policy, current, next.priority),
    );
  }
  changes.updatedAt = at;
  const updated = await ctx.store.updateComplaint(id, changes, history);
  if (!updated) throw new NotFoundError(`No complaint ${id}`);
  if (changes.triageCorrectedAt) {
    const example = exampleOf(updated);
    if (example) ctx.corrections?.add(example); // the analyzer learns it at once
  }
  await ctx.store.flush(); // the agent is told it is saved: make it so before answering
  return updated;
}

/**
 * A team an agent may route to: one the escalation policy routes a category to, or an agent's
 * team. Anything else would leave the complaint with nobody to see it under "My team".
 */
async function checkTeam(ctx: Pick<AppContext, "store" | "policy">, team: string): Promise<void> {
  if (Object.values(ctx.policy.teams).includes(team)) return;
  const agents = await ctx.store.listAgents();
  if (agents.some((a) => a.team === team)) return;
  throw new InvalidError(`team: ${team} is no known team`, { code: "unknown_team" });
}
