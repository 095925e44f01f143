import type { AppContext } from "../ports.ts";
import type { Reprocessor } from "../complaints/reprocess.ts";
import type { AnalysisInput, AnalysisResult, BatchAnalyzer } from "../analyze/port.ts";
import { recordUsage } from "../analyze/usage.ts";
import { parseEmail } from "../mime/parse.ts";
import { storeAttachments } from "./attachments.ts";
import { analysisCacheKey, analysisInputFor } from "./analyze.ts";
import type { Complaint, HistoryEntry } from "../schema/complaint.ts";
import { reanalysisDelayMs } from "./process.ts";
import { alertNew, updateAlert } from "./notify.ts";

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
    { modelRetryBefore: now.toISOString(), page: 1, limit },
  );
  const owner = crypto.randomUUID();
  if (ctx.batches) return await viaBatches(ctx, ctx.batches, pipeline, items, owner);
  let read = 0;
  for (const listed of items) {
    if (await reread(ctx, pipeline, listed.id, owner)) read++;
  }
  return read;
}

/**
 * Process one due complaint again under its lease; whether Claude read it. A run that still
 * fell back backs off; one that did not is noted and its alert brought up to date.
 */
async function reread(
  ctx: AppContext,
  pipeline: Reprocessor,
  id: string,
  owner: string,
): Promise<boolean> {
  const key = `reanalyze:${id}`;
  if (!await ctx.store.tryLease(key, owner, LEASE_MS)) return false;
  let before: Complaint | null = null;
  try {
    // Re-read under the lease: another run may have done it since the listing.
    before = await ctx.store.getComplaint(id);
    if (!before?.modelRetryAt || Date.parse(before.modelRetryAt) > ctx.now().getTime()) {
      return false;
    }
    const after = await pipeline.reprocess(before);
    if (after.processing.state !== "done" || after.analysis?.fallback) {
      await backOff(
        ctx,
        before,
        after.analysis?.fallback?.reason ?? after.processing.lastError ?? "",
      );
      return false;
    }
    await noteReanalysis(ctx, before, after);
    return true;
  } catch (err) {
    ctx.log.error("reanalysis_failed", { id, error: String(err) });
    // It backs off and is given up like a Claude failure, not tried again at every run.
    if (before) await backOff(ctx, before, String(err)).catch(() => {});
    return false;
  } finally {
    await ctx.store.releaseLease(key, owner).catch(() => {});
  }
}

/** How often a batch's results are asked for. */
const BATCH_POLL_MS = 60_000;

/**
 * The job with CLAUDE_BATCH: due complaints not yet sent go out as one Message Batch; those in a
 * batch that has ended get its answer put in the cache and are processed again, reading it from
 * there (an item the batch could not answer is read by a normal call then). A batch still running
 * is asked again after a minute.
 */
async function viaBatches(
  ctx: AppContext,
  batches: BatchAnalyzer,
  pipeline: Reprocessor,
  items: Complaint[],
  owner: string,
): Promise<number> {
  const now = ctx.now();
  const poll = { modelRetryAt: new Date(now.getTime() + BATCH_POLL_MS).toISOString() };
  const sent = Map.groupBy(items.filter((c) => c.modelBatchId), (c) => c.modelBatchId!);
  let read = 0;
  for (const [batchId, members] of sent) {
    const results = await batches.batchResults(batchId).catch((err) => {
      ctx.log.warn("batch_results_failed", { batchId, error: String(err) });
      return null;
    });
    if (!results) {
      for (const m of members) await ctx.store.updateComplaint(m.id, poll, []);
      continue;
    }
    for (const m of members) {
      const result = results.get(m.id);
      if (result && !("error" in result)) await keepBatchAnswer(ctx, m, result);
      await ctx.store.updateComplaint(m.id, { modelBatchId: undefined }, []);
      if (await reread(ctx, pipeline, m.id, owner)) read++;
    }
  }
  const fresh = items.filter((c) => !c.modelBatchId);
  const taken: { id: string; input: AnalysisInput }[] = [];
  for (const c of fresh) {
    if (!await ctx.store.tryLease(`reanalyze:${c.id}`, owner, LEASE_MS)) continue;
    try {
      taken.push({ id: c.id, input: await inputOf(ctx, c) });
    } catch (err) {
      ctx.log.warn("batch_input_failed", { id: c.id, error: String(err) });
      await ctx.store.releaseLease(`reanalyze:${c.id}`, owner).catch(() => {});
    }
  }
  if (taken.length > 0) {
    try {
      const batchId = await batches.submitBatch(taken);
      ctx.log.info("batch_submitted", { batchId, complaints: taken.length });
      for (const { id } of taken) {
        await ctx.store.updateComplaint(id, { modelBatchId: batchId, ...poll }, []);
      }
    } catch (err) {
      // Left due: the next run tries again.
      ctx.log.warn("batch_submit_failed", { error: String(err) });
    } finally {
      for (const { id } of taken) {
        await ctx.store.releaseLease(`reanalyze:${id}`, owner).catch(() => {});
      }
    }
  }
  return read;
}

/** What the analyzer reads of a stored complaint: as processing builds it, so the keys match. */
async function inputOf(ctx: AppContext, c: Complaint): Promise<AnalysisInput> {
  const raw = await ctx.blobs.get(c.rawKey);
  if (!raw) throw new Error(`raw email ${c.rawKey} is missing`);
  const parsed = await parseEmail(raw);
  const attachments = await storeAttachments(ctx, parsed); // content-addressed: no new extraction
  return analysisInputFor(parsed, attachments, c.receivedAt);
}

/** A batch's answer for a complaint, counted and cached where its next run will read it. */
async function keepBatchAnswer(
  ctx: AppContext,
  c: Complaint,
  result: AnalysisResult,
): Promise<void> {
  ctx.metrics.analysed({ ...result, cached: false });
  await recordUsage(ctx, result);
  try {
    const key = await analysisCacheKey(ctx, await inputOf(ctx, c));
    await ctx.cache.set(key, result, ctx.config.CACHE_TTL_SECONDS);
  } catch (err) {
    ctx.log.warn("batch_answer_not_cached", { id: c.id, error: String(err) });
  }
}

async function backOff(ctx: AppContext, before: Complaint, reason: string): Promise<void> {
  const attempts = (before.modelRetryAttempts ?? 0) + 1;
  const now = ctx.now();
  const giveUp = attempts >= ctx.config.RETRY_MAX_ATTEMPTS;
  const history: HistoryEntry[] = giveUp
    ? [{
      at: now.toISOString(),
      actor: "system",
      action: "reanalysis_given_up",
      details: { attempts, reason },
    }]
    : [];
  await ctx.store.updateComplaint(before.id, {
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
