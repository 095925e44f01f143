import type { AppContext } from "../ports.ts";
import type { Complaint, HistoryEntry, ListQuery } from "../schema/complaint.ts";
import { reanalysisDelayMs } from "./process.ts";
import { alertNew, updateAlert } from "./notify.ts";

/** The part of the pipeline the job needs: a run of processing over a stored complaint. */
export interface Reprocessor {
  reprocess(complaint: Complaint): Promise<Complaint>;
}

/** Longer than one run of processing with Claude's full timeout and retries. */
const LEASE_MS = 5 * 60_000;

/**
 * One run of the re-analysis job: complaints triaged by the local analyzer because Claude failed
 * or answered past CLAUDE_MAX_WAIT_MS are processed again, so Claude reads them (often from the
 * cache, where the late answer landed). Agents' triage corrections stay (the reprocess merge);
 * history records what Claude changed; the alert is edited when the priority changed, or sent
 * when the complaint now crosses the alert bar. A run that still falls back backs off (30 s,
 * doubling) and gives up after RETRY_MAX_ATTEMPTS. Each complaint is taken under a lease, so
 * several instances or drivers never re-read one at once. Returns how many Claude read.
 */
export async function reanalyzeDue(
  ctx: AppContext,
  pipeline: Reprocessor,
  limit = 50,
): Promise<number> {
  if (!ctx.analyzer.remote) return 0; // no model configured: nothing better to wait for
  const now = ctx.now();
  const { items } = await ctx.store.listComplaints(
    { modelRetryBefore: now.toISOString(), page: 1, limit } as ListQuery,
  );
  const owner = crypto.randomUUID();
  let read = 0;
  for (const listed of items) {
    const key = `reanalyze:${listed.id}`;
    if (!await ctx.store.tryLease(key, owner, LEASE_MS)) continue;
    try {
      // Re-read under the lease: another run may have done it since the listing.
      const before = await ctx.store.getComplaint(listed.id);
      if (!before?.modelRetryAt || Date.parse(before.modelRetryAt) > now.getTime()) continue;
      const after = await pipeline.reprocess(before);
      if (after.processing.state !== "done" || after.analysis?.fallback) {
        await backOff(ctx, before, after);
        continue;
      }
      read++;
      await noteReanalysis(ctx, before, after);
    } catch (err) {
      ctx.log.error("reanalysis_failed", { id: listed.id, error: String(err) });
    } finally {
      await ctx.store.releaseLease(key, owner).catch(() => {});
    }
  }
  return read;
}

async function backOff(ctx: AppContext, before: Complaint, after: Complaint): Promise<void> {
  const attempts = (before.modelRetryAttempts ?? 0) + 1;
  const now = ctx.now();
  const giveUp = attempts >= ctx.config.RETRY_MAX_ATTEMPTS;
  const history: HistoryEntry[] = giveUp
    ? [{
      at: now.toISOString(),
      actor: "system",
      action: "reanalysis_given_up",
      details: {
        attempts,
        reason: after.analysis?.fallback?.reason ?? after.processing.lastError ?? "",
      },
    }]
    : [];
  await ctx.store.updateComplaint(after.id, {
    modelRetryAttempts: attempts,
    modelRetryAt: giveUp
      ? undefined
      : new Date(now.getTime() + reanalysisDelayMs(attempts + 1)).toISOString(),
  }, history);
}

async function noteReanalysis(ctx: AppContext, before: Complaint, after: Complaint): Promise<void> {
  const changed: Record<string, { from: string; to: string }> = {};
  for (const field of ["category", "priority", "team"] as const) {
    if (before[field] !== after[field]) changed[field] = { from: before[field], to: after[field] };
  }
  const at = ctx.now().toISOString();
  const updated = await ctx.store.updateComplaint(after.id, { modelRetryAttempts: undefined }, [{
    at,
    actor: "system",
    action: "reanalyzed",
    details: {
      analyzer: after.analysis?.analyzer ?? "",
      model: after.analysis?.model ?? "",
      was: before.analysis?.analyzer ?? "",
      ...Object.fromEntries(
        Object.entries(changed).map(([field, { from, to }]) => [field, `${from} → ${to}`]),
      ),
    },
  }]) ?? after;
  if (!changed.priority || updated.duplicateOf || updated.tags.includes("flood")) return;
  const line = `Claude read it: priority ${changed.priority.from} → ${changed.priority.to}`;
  if ((updated.alerts ?? []).some((a) => a.state === "sent")) {
    await updateAlert(ctx, updated, line);
  } else {
    await alertNew(ctx, updated); // it may cross the alert bar only now
  }
}
