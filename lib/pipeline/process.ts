import type { AppContext } from "../ports.ts";
import { scanHeaders } from "../mime/validate.ts";
import type { ParsedEmail } from "../mime/types.ts";
import type { KeyedMutex } from "../keyed_mutex.ts";
import { classifyAutomated } from "../routing/automated.ts";
import { findThread, type ThreadMatch } from "../routing/thread.ts";
import {
  type DuplicateMatch,
  type DuplicateSettings,
  findDuplicate,
} from "../routing/duplicates.ts";
import { ignoreAutomated, joinThread, linkRelated } from "./route_actions.ts";
import type { Complaint, ProcessedEmail } from "../schema/complaint.ts";
import { storeAttachments } from "./attachments.ts";
import { alertNew } from "./notify.ts";
import { createInIncident, linkIncident } from "../incidents/service.ts";
import { acknowledge } from "../outbound/ack.ts";
import { autoReply, autoReplySkipReason } from "../replies/auto_reply.ts";
import { refFor } from "../complaints/ref.ts";
import {
  analysisInputFor,
  analyzeCached,
  type CachedAnalysis,
  type WaitOutside,
} from "./analyze.ts";
import { contentHash } from "./content_hash.ts";
import { decideFor } from "./decide.ts";
import { mergeReprocessed } from "./reprocess_merge.ts";
import { complaintMessageId, sourceOfKey } from "./keys.ts";
import { complaintOutcome, type ProcessOutcome, recordOutcome } from "./outcome.ts";

const MAX_DESCRIPTION = 1_000_000;
const MAX_WARNINGS = 20;
/** What a complaint that could not be analysed is decided as. */
const FAILED_ANALYSIS: Parameters<typeof decideFor>[1] = {
  category: "other",
  priority: "medium",
  escalationLevel: 0,
  tags: [],
};

export type { ProcessOutcome };

export interface ProcessOptions {
  /** The raw bytes when the caller still has them (saves a read from the blob store). */
  raw?: Uint8Array;
  /** Serialises duplicate checks per customer and updates per complaint. */
  locks: KeyedMutex;
  /** Runs a wait on Claude outside the CPU limit (the pipeline's `Limiter.outside`). */
  waitOutside?: WaitOutside;
  /** A message split out of a thread by an agent: it becomes a complaint, never a reply. */
  standalone?: boolean;
  /** `raw` parsed already (begun by the caller while it stored the raw). */
  parsed?: Promise<ParsedEmail>;
}

/**
 * Run every stage after receipt for one claimed email: parse, route (loop protection,
 * threading), extract, analyse, de-duplicate, decide, save, notify. Never throws for a bad
 * email: a failure is saved as a complaint marked for retry.
 */
export async function processClaim(
  ctx: AppContext,
  claim: ProcessedEmail,
  options: ProcessOptions,
): Promise<ProcessOutcome> {
  const raw = options.raw ?? await ctx.blobs.get(claim.rawKey);
  if (!raw) throw new Error(`raw email ${claim.rawKey} is missing from the blob store`);
  const existing = claim.complaintId ? await ctx.store.getComplaint(claim.complaintId) : null;
  const attempts = existing ? existing.processing.attempts + 1 : claim.attempts ?? 1;
  if (!existing && attempts > ctx.config.RETRY_MAX_ATTEMPTS) {
    // Every earlier run stopped the process before it finished (a poison message): do not parse
    // it again; keep what the headers tell for an agent.
    const error = new Error(`processing did not finish in ${attempts - 1} attempts`);
    const saved = await save(ctx, failedComplaint(ctx, claim, raw, attempts, error), null);
    const outcome = complaintOutcome(saved);
    await recordOutcome(ctx, claim, outcome);
    return outcome;
  }
  const parsed = await ctx.metrics.time("parse", () => options.parsed ?? ctx.offload.parse(raw));
  let thread: ThreadMatch | null = null;
  if (!existing) {
    const automated = classifyAutomated(parsed);
    if (automated) {
      await ignoreAutomated(ctx, claim, parsed, automated);
      return { kind: "ignored", reason: automated.reason };
    }
    thread = options.standalone ? null : await findThread(ctx.store, parsed);
    if (thread?.joins) {
      return {
        kind: "threaded",
        complaint: await joinThread(ctx, options.locks, claim, parsed, thread.complaint),
      };
    }
  }
  let complaint: Complaint;
  try {
    complaint = await buildComplaint(ctx, claim, parsed, attempts, options.waitOutside);
  } catch (err) {
    ctx.log.error("processing_failed", { key: claim.key, attempt: attempts, error: String(err) });
    complaint = failedComplaint(ctx, claim, raw, attempts, err);
  }
  if (!existing) await noteProvenance(ctx, claim, complaint, thread);
  // The first successful analysis routes the complaint (duplicate, flood) and alerts, whether it
  // came at once or on a retry after failures; a failure, or a reprocess of an analysed
  // complaint, only saves.
  const firstSuccess = complaint.processing.state === "done" && !existing?.analysis;
  if (!firstSuccess) {
    const saved = await save(ctx, complaint, existing);
    if (!existing) await linkMention(ctx, options.locks, thread, saved);
    const outcome = complaintOutcome(saved);
    await recordOutcome(ctx, claim, outcome);
    return outcome;
  }
  // One customer's messages are checked and saved one at a time, so concurrent resends find
  // each other, also when they arrive at different instances sharing the store.
  const { saved, incident } = await ctx.store.withLock(
    `customer:${complaint.customer.email}`,
    async () => {
      const match = await findDuplicate(
        ctx.store,
        {
          customerEmail: complaint.customer.email,
          customerName: complaint.customer.name,
          contentHash: complaint.contentHash,
          subject: complaint.subject,
          text: complaint.description,
          orderNumbers: complaint.entities.orderNumbers,
          category: complaint.category,
          language: complaint.language,
          receivedAt: complaint.receivedAt,
        },
        duplicateSettings(ctx),
        complaint.id,
      );
      if (match) markDuplicate(complaint, match);
      await flagFlood(ctx, complaint);
      // A retry after failures is saved over what is stored, then linked like any saved
      // complaint; a new one is inserted, in its incident in the same write when it joins one.
      const stored = existing
        ? { complaint: await save(ctx, complaint, existing), created: true, incident: null }
        : await createInIncident(ctx, complaint);
      if (match && stored.created) {
        await linkRelated(
          ctx,
          options.locks,
          match.original,
          stored.complaint,
          "duplicate_received",
          {
            kind: match.kind,
            score: round(match.score),
          },
        );
      }
      const incident = existing ? await linkIncident(ctx, stored.complaint) : stored.incident;
      return { saved: stored.complaint, incident };
    },
  );
  if (!existing) await linkMention(ctx, options.locks, thread, saved);
  const outcome = complaintOutcome(saved);
  await recordOutcome(ctx, claim, outcome);
  // In an incident, its one alert speaks for the complaint (edited as members join).
  if (!saved.duplicateOf && !saved.tags.includes("flood") && !incident) await alertNew(ctx, saved);
  // Once (this is the first successful analysis): an automatic answer where an admin allowed
  // it, else the plain acknowledgement.
  // The re-read sees what linking added (an incident); it only matters where a rule could apply.
  const answered = !autoReplySkipReason(ctx.config, saved) && await autoReply(
    ctx,
    options.locks,
    await ctx.store.getComplaint(saved.id) ?? saved,
  );
  if (!answered) await acknowledge(ctx, options.locks, saved);
  return outcome;
}

/**
 * History a new complaint carries about how it arrived: that its Message-ID was another
 * message's too, or that it names (by `[#REF]`) a complaint its sender may not write into.
 */
async function noteProvenance(
  ctx: AppContext,
  claim: ProcessedEmail,
  complaint: Complaint,
  thread: ThreadMatch | null,
): Promise<void> {
  const at = complaint.createdAt;
  if (claim.messageIdReuseOf) {
    const first = await ctx.store.getProcessedEmail(claim.messageIdReuseOf);
    complaint.history.push({
      at,
      actor: "system",
      action: "message_id_reused",
      details: { messageId: claim.messageId ?? "", sharedWith: first?.complaintId ?? null },
    });
  }
  if (thread && !thread.joins) {
    complaint.relatedComplaints = [
      ...new Set([...complaint.relatedComplaints, thread.complaint.id]),
    ];
    complaint.history.push({
      at,
      actor: "system",
      action: "references_complaint",
      details: {
        id: thread.complaint.id,
        ref: thread.complaint.ref,
        reason: "the sender is not on that complaint's thread",
      },
    });
  }
}

/** Lists a complaint that named another by `[#REF]` (without joining it) on the one it named. */
async function linkMention(
  ctx: AppContext,
  locks: KeyedMutex,
  thread: ThreadMatch | null,
  saved: Complaint,
): Promise<void> {
  if (!thread || thread.joins || saved.id === thread.complaint.id) return;
  await linkRelated(ctx, locks, thread.complaint, saved, "referenced_by", {
    from: saved.customer.email,
    subject: saved.subject,
  });
}

/** A duplicate keeps its original's category (the root cause is the same) and raises no alert. */
function markDuplicate(complaint: Complaint, match: DuplicateMatch): void {
  complaint.status = "duplicate";
  complaint.duplicateOf = match.original.id;
  complaint.category = match.original.category;
  complaint.team = match.original.team;
  complaint.history.push({
    at: complaint.createdAt,
    actor: "system",
    action: "duplicate_detected",
    details: { of: match.original.id, kind: match.kind, score: round(match.score) },
  });
}

/** Tag a complaint whose sender passed the hourly cap: it is kept, but raises no alert. */
/**
 * Why this mail, which the cache could not answer, needs no call to a paid model (Claude): it
 * repeats, word for word, a complaint of the same customer already analysed (on another day, or
 * after the cache forgot it), or its sender is flooding. Null when it does, or when the analyzer
 * is the local one anyway.
 */
async function modelNotNeeded(
  ctx: AppContext,
  claim: ProcessedEmail,
  customerEmail: string,
  hash: string,
): Promise<"exact_duplicate" | "flood" | null> {
  if (!ctx.analyzer.remote) return null;
  const at = Date.parse(claim.receivedAt);
  const since = new Date(at - ctx.config.DUPLICATE_WINDOW_DAYS * 86_400_000).toISOString();
  const original = await ctx.store.findOriginalByHash(hash, since);
  if (original && original.id !== claim.complaintId) return "exact_duplicate";
  const hourAgo = new Date(at - 3_600_000).toISOString();
  const sent = await ctx.store.countEmailsFrom(customerEmail, hourAgo);
  return sent > ctx.config.FLOOD_MAX_PER_HOUR ? "flood" : null;
}

async function flagFlood(ctx: AppContext, complaint: Complaint): Promise<void> {
  const since = new Date(Date.parse(complaint.receivedAt) - 3_600_000).toISOString();
  const count = await ctx.store.countEmailsFrom(complaint.customer.email, since);
  if (count <= ctx.config.FLOOD_MAX_PER_HOUR) return;
  complaint.tags = [...new Set([...complaint.tags, "flood"])];
  complaint.history.push({
    at: complaint.createdAt,
    actor: "system",
    action: "flood_flagged",
    details: { emailsLastHour: count, cap: ctx.config.FLOOD_MAX_PER_HOUR },
  });
}

function duplicateSettings(ctx: AppContext): DuplicateSettings {
  return {
    windowDays: ctx.config.DUPLICATE_WINDOW_DAYS,
    threshold: ctx.config.DUPLICATE_THRESHOLD,
    sameOrderThreshold: ctx.config.DUPLICATE_SAME_ORDER_THRESHOLD,
  };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

async function buildComplaint(
  ctx: AppContext,
  claim: ProcessedEmail,
  parsed: ParsedEmail,
  attempts: number,
  waitOutside?: WaitOutside,
): Promise<Complaint> {
  const attachments = await ctx.metrics.time("attachments", () => storeAttachments(ctx, parsed));
  const now = ctx.now().toISOString();
  const receivedAt = claim.receivedAt;
  const customerEmail = (parsed.from?.email || parsed.replyTo[0]?.email || "unknown").toLowerCase();
  const hash = await contentHash(customerEmail, parsed.subject, parsed.text);
  const input = analysisInputFor(parsed, attachments, receivedAt);
  if (ctx.analyzer.remote) {
    // Claude learns from agents through its prompt (the local analyzer: `withCorrections`).
    await ctx.corrections.load();
    const examples = ctx.corrections.recent(5).map((e) => ({
      subject: e.subject,
      ...(e.category ? { category: e.category } : {}),
      ...(e.priority ? { priority: e.priority } : {}),
    }));
    if (examples.length) input.examples = examples;
  }
  const analysis = await ctx.metrics.time("analyze", () =>
    analyzeCached(
      ctx,
      input,
      waitOutside,
      () => modelNotNeeded(ctx, claim, customerEmail, hash),
    ));
  const a = await withCorrections(ctx, analysis, parsed.subject, parsed.text);
  return {
    id: claim.complaintId!,
    messageId: complaintMessageId(claim),
    customer: { email: customerEmail, name: parsed.from?.name ?? "" },
    subject: parsed.subject,
    description: parsed.text.slice(0, MAX_DESCRIPTION),
    bodyHtml: parsed.html,
    language: a.language,
    category: a.category,
    subcategory: a.subcategory,
    priority: a.priority,
    sentiment: a.sentiment,
    sentimentScore: a.sentimentScore,
    confidence: a.confidence,
    status: "new",
    assignee: null,
    ...decideFor(ctx.policy, a, receivedAt),
    tags: a.tags,
    parseWarnings: parsed.warnings.slice(0, MAX_WARNINGS).map((w) => w.slice(0, 300)),
    flags: a.flags,
    entities: a.entities,
    attachments,
    analysis: {
      analyzer: analysis.analyzer,
      model: analysis.model,
      version: analysis.version,
      ms: analysis.ms,
      cached: analysis.cached,
      tokens: analysis.tokens,
      summary: a.summary,
      suggestedTeam: a.suggestedTeam,
      fallback: analysis.fallback,
      ...(analysis.skipped ? { skipped: analysis.skipped } : {}),
      ...(a.learned ? { learned: a.learned } : {}),
    },
    processing: { state: "done", attempts },
    ...(analysis.fallback && ctx.analyzer.remote
      ? { modelRetryAt: new Date(Date.parse(now) + reanalysisDelayMs(1)).toISOString() }
      : {}),
    source: sourceOfKey(claim.key),
    contentHash: hash,
    rawKey: claim.rawKey,
    ingestKey: claim.key,
    ref: refFor(claim.complaintId!),
    duplicateOf: null,
    relatedComplaints: [],
    messages: [],
    history: [{ at: now, actor: "system", action: "created", details: { via: "ingest" } }],
    receivedAt,
    sentAt: parsed.date,
    createdAt: now,
    updatedAt: now,
  };
}

/**
 * The local analyzer learns from agents: a complaint much like one whose category or priority
 * an agent corrected takes the correction (Claude's reading stands; it gets examples instead).
 */
async function withCorrections(
  ctx: AppContext,
  analysis: CachedAnalysis,
  subject: string,
  text: string,
): Promise<CachedAnalysis["analysis"] & { learned?: { similarity: number; from: string } }> {
  const a = analysis.analysis;
  if (analysis.analyzer !== "local") return a;
  await ctx.corrections.load();
  const hit = ctx.corrections.suggest(subject, text);
  if (!hit) return a;
  return {
    ...a,
    ...(hit.category ? { category: hit.category } : {}),
    ...(hit.priority ? { priority: hit.priority } : {}),
    learned: {
      similarity: Math.round(hit.similarity * 100) / 100,
      from: hit.subject.slice(0, 200),
    },
  };
}

/**
 * How long the n-th re-analysis waits: 30 s, doubling, at most an hour. The first is soon: the
 * call that ran past CLAUDE_MAX_WAIT_MS usually answers into the cache meanwhile.
 */
export function reanalysisDelayMs(attempt: number): number {
  return Math.min(30_000 * 2 ** (attempt - 1), 3_600_000);
}

/** A complaint holding what the headers alone tell, marked for the retry job. */
function failedComplaint(
  ctx: AppContext,
  claim: ProcessedEmail,
  raw: Uint8Array,
  attempts: number,
  err: unknown,
): Complaint {
  const now = ctx.now();
  const head = scanHeaders(raw);
  const backoffMinutes = Math.min(2 ** (attempts - 1), 360);
  const dead = attempts >= ctx.config.RETRY_MAX_ATTEMPTS;
  const error = err instanceof Error ? err.message : String(err);
  if (dead) ctx.log.error("dead_letter", { key: claim.key, attempts, error });
  return {
    id: claim.complaintId!,
    messageId: complaintMessageId(claim),
    customer: { email: (head.from ?? "unknown").toLowerCase(), name: "" },
    subject: head.subject ?? "",
    description: "",
    bodyHtml: "",
    language: "und",
    category: "other",
    subcategory: "",
    priority: "medium",
    sentiment: "neutral",
    confidence: 0,
    status: "new",
    assignee: null,
    // Unread, it is a medium "other" complaint: its customer waits all the same, so it gets the
    // configured team and an SLA (overdue views and escalation see it).
    ...decideFor(ctx.policy, FAILED_ANALYSIS, claim.receivedAt),
    tags: [],
    parseWarnings: [],
    entities: { orderNumbers: [], amounts: [], dates: [], products: [], phones: [] },
    attachments: [],
    processing: dead ? { state: "dead", attempts, lastError: error } : {
      state: "failed",
      attempts,
      lastError: error,
      nextAttemptAt: new Date(now.getTime() + backoffMinutes * 60_000).toISOString(),
    },
    source: sourceOfKey(claim.key),
    contentHash: `sha256:${claim.sha256}`,
    rawKey: claim.rawKey,
    ingestKey: claim.key,
    ref: refFor(claim.complaintId!),
    duplicateOf: null,
    relatedComplaints: [],
    messages: [],
    history: [{
      at: now.toISOString(),
      actor: "system",
      action: dead ? "processing_gave_up" : "processing_failed",
      details: { attempt: attempts, error },
    }],
    receivedAt: claim.receivedAt,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
}

/** First save creates; a re-run replaces the processed fields but keeps what came later. */
async function save(
  ctx: AppContext,
  complaint: Complaint,
  existing: Complaint | null,
): Promise<Complaint> {
  if (!existing) {
    const { complaint: stored } = await ctx.store.createComplaint(complaint);
    return stored;
  }
  const merged: Complaint = {
    ...mergeReprocessed(existing, complaint, ctx.policy),
    history: complaint.processing.state === "done"
      ? [{
        at: complaint.updatedAt,
        actor: "system",
        action: "reprocessed",
        details: { attempt: complaint.processing.attempts },
      }, ...complaint.history.filter((h) => h.action !== "created")]
      : complaint.history,
  };
  if (complaint.processing.state !== "done" && existing.analysis) return existing;
  await ctx.store.saveComplaint(merged);
  return (await ctx.store.getComplaint(existing.id))!;
}
