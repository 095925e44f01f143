import type { AppContext } from "../ports.ts";
import { InvalidError, NotFoundError } from "../errors.ts";

/** A list view: a name and the list query it stands for. */
export interface QueueView {
  id: string;
  label: string;
  /** The list's query string (without `page`). */
  query: string;
}

/** Below this analyzer confidence a complaint is in "Low confidence". */
export const LOW_CONFIDENCE = 0.5;

/**
 * The views every agent has: their own, the unassigned, their team's (with a team), and those
 * the clock or the pipeline put in front of them.
 */
export function builtInViews(me: string, team: string): QueueView[] {
  const q = (params: Record<string, string>) => new URLSearchParams(params).toString();
  return [
    { id: "all", label: "All", query: "" },
    { id: "mine", label: "Mine", query: q({ assignee: me }) },
    { id: "unassigned", label: "Unassigned", query: q({ unassigned: "true" }) },
    ...(team ? [{ id: "my_team", label: "My team", query: q({ team }) }] : []),
    { id: "overdue", label: "Overdue", query: q({ sla: "overdue" }) },
    { id: "due_1h", label: "Due in 1 h", query: q({ sla: "due_within_hour" }) },
    {
      id: "low_confidence",
      label: "Low confidence",
      query: q({ confidenceBelow: String(LOW_CONFIDENCE) }),
    },
    { id: "needs_attention", label: "Needs attention", query: q({ processing: "dead" }) },
  ];
}

/** The view a query string is, if any (parameters compared whatever their order). */
export function currentView(views: QueueView[], query: string): QueueView | undefined {
  const norm = (s: string) => {
    const p = new URLSearchParams(s);
    p.delete("page");
    p.delete("sort");
    return [...p].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k}=${v}`).join("&");
  };
  const key = norm(query);
  return views.find((v) => norm(v.query) === key);
}

/** An agent's saved views are kept at most this many. */
export const MAX_SAVED_VIEWS = 20;

/**
 * Save the current list (filters and sort) under a name for this agent; a view of the same name
 * is replaced.
 */
export async function saveView(
  ctx: Pick<AppContext, "store" | "now">,
  agentId: string,
  name: string,
  query: string,
): Promise<void> {
  const label = name.trim();
  if (!label || label.length > 60) throw new InvalidError("Name the view (at most 60 characters).");
  const params = new URLSearchParams(query);
  params.delete("page");
  const agent = await ctx.store.getAgent(agentId);
  if (!agent) throw new NotFoundError("No such agent");
  const others = (agent.views ?? []).filter((v) => v.name !== label);
  if (others.length >= MAX_SAVED_VIEWS) {
    throw new InvalidError(`At most ${MAX_SAVED_VIEWS} saved views; delete one first.`);
  }
  await ctx.store.updateAgent(agentId, {
    views: [...others, { name: label, query: params.toString().slice(0, 1000) }],
    updatedAt: ctx.now().toISOString(),
  });
}

/** Delete one of the agent's saved views by name. */
export async function deleteView(
  ctx: Pick<AppContext, "store" | "now">,
  agentId: string,
  name: string,
): Promise<void> {
  const agent = await ctx.store.getAgent(agentId);
  if (!agent) throw new NotFoundError("No such agent");
  await ctx.store.updateAgent(agentId, {
    views: (agent.views ?? []).filter((v) => v.name !== name),
    updatedAt: ctx.now().toISOString(),
  });
}
