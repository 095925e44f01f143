import type { AppContext } from "../ports.ts";
import { CLOSED_STATUSES, type Complaint } from "../schema/complaint.ts";
import { listAll } from "../store/pages.ts";
import { dueAlerts, sendOnce } from "../pipeline/notify.ts";
import { type EscalationPolicy, levelFor, overdueLevel } from "./policy.ts";

type JobContext = Pick<AppContext, "store" | "notifier" | "log" | "now" | "config" | "policy">;

/** A run reads at most this many pages of each kind of work; the next run takes the rest. */
const MAX_PAGES = 20;

/**
 * One run of the SLA job: raise the level of open complaints past their SLA (one step at the
 * deadline and one per further SLA window), record it in their history, alert once per level;
 * then retry alerts that failed. Returns what it did.
 */
export async function runEscalation(
  ctx: JobContext,
): Promise<{ escalated: number; alerted: number; retried: number }> {
  const now = ctx.now();
  const policy = ctx.policy;
  let escalated = 0;
  let alerted = 0;
  const owner = crypto.randomUUID();
  for (
    const listed of await listAll(
      ctx.store,
      { sla: "overdue", slaNow: now.toISOString() },
      MAX_PAGES,
    )
  ) {
    if (!due(policy, listed, now)) continue; // most of the listing needs nothing: no lease
    await leased(ctx, `escalate:${listed.id}`, owner, async () => {
      // Re-read under the lease: another instance may have escalated it since the listing.
      const c = await ctx.store.getComplaint(listed.id);
      if (!c) return;
      const result = await escalate(ctx, policy, c, now);
      if (result.raised) escalated++;
      if (result.alert === "sent") alerted++;
    });
  }
  let retried = 0;
  for (const c of await listAll(ctx.store, { alertRetryBefore: now.toISOString() }, MAX_PAGES)) {
    if (CLOSED_STATUSES.includes(c.status)) {
      // Nobody needs telling about a closed complaint: stop listing it for retries.
      await ctx.store.updateComplaint(c.id, { alertRetryAt: undefined }, []);
      continue;
    }
    await leased(ctx, `escalate:${c.id}`, owner, async () => {
      for (const a of dueAlerts(c, now)) {
        if (await sendOnce(ctx, c.id, a.kind, a.level) === "sent") retried++;
      }
    });
  }
  return { escalated, alerted, retried };
}

/** Escalation work on one complaint, skipped while another job run (any instance) holds it. */
async function leased(
  ctx: JobContext,
  key: string,
  owner: string,
  work: () => Promise<void>,
): Promise<void> {
  if (!await ctx.store.tryLease(key, owner, LEASE_MS)) return;
  try {
    await work();
  } finally {
    await ctx.store.releaseLease(key, owner).catch(() => {});
  }
}

/** Longer than one complaint's escalation (a store write and a Telegram call with its retries). */
const LEASE_MS = 120_000;

/** Whether a complaint needs a higher level or its alert for the level it has. */
function due(policy: EscalationPolicy, complaint: Complaint, now: Date): boolean {
  const target = overdueLevel(policy, complaint, levelFor(complaint.priority, complaint.tags), now);
  const alerted = (complaint.alerts ?? []).some((a) =>
    a.kind === "escalation" && a.level === target
  );
  return target !== complaint.escalationLevel || !alerted;
}

async function escalate(
  ctx: JobContext,
  policy: EscalationPolicy,
  complaint: Complaint,
  now: Date,
): Promise<{ raised: boolean; alert?: string }> {
  if (!due(policy, complaint, now)) return { raised: false };
  const target = overdueLevel(policy, complaint, levelFor(complaint.priority, complaint.tags), now);
  const alerted = (complaint.alerts ?? []).some((a) =>
    a.kind === "escalation" && a.level === target
  );
  const at = now.toISOString();
  const raised = target > complaint.escalationLevel;
  if (raised || !alerted) {
    await ctx.store.updateComplaint(
      complaint.id,
      raised ? { escalationLevel: target, updatedAt: at } : {},
      [{
        at,
        actor: "system",
        action: raised ? "escalated" : "sla_overdue",
        details: {
          from: complaint.escalationLevel,
          to: target,
          reason: "sla_overdue",
          slaDueAt: complaint.slaDueAt,
        },
      }],
    );
  }
  if (alerted) return { raised };
  return { raised, alert: await sendOnce(ctx, complaint.id, "escalation", target) };
}
