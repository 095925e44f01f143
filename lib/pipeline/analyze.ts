import type { AnalysisFile, AnalysisInput, AnalysisResult } from "../analyze/port.ts";
import { type CompleteAnalysis, completeAnalysis } from "../analyze/schema.ts";
import type { AppContext } from "../ports.ts";
import { sha256Hex } from "../crypto.ts";
import { recordUsage } from "../analyze/usage.ts";
import { LocalAnalyzer } from "../analyze/local/analyzer.ts";
import type { ParsedAttachment, ParsedEmail } from "../mime/types.ts";
import type { Attachment } from "../schema/complaint.ts";

const NATIVE_TYPES = /^(image\/(jpeg|png|gif|webp)|application\/pdf)$/;

/**
 * Images and PDFs an analyzer may read itself (Claude with CLAUDE_ATTACHMENTS=native), attached
 * files before inline ones so signature logos come last. `stored[i]` describes `parts[i]`.
 */
export function analysisFiles(parts: ParsedAttachment[], stored: Attachment[]): AnalysisFile[] {
  // The type sniffed from the bytes beats the declared one (octet-stream photos, misnamed PDFs).
  const files = parts.map((p, i) => ({
    p,
    sha256: stored[i]?.sha256,
    type: stored[i]?.detectedType ?? p.contentType,
  })).filter(({ type }) => NATIVE_TYPES.test(type));
  files.sort((x, y) =>
    Number(x.p.related || x.p.disposition === "inline") -
    Number(y.p.related || y.p.disposition === "inline")
  );
  return files.map(({ p, sha256, type }) => ({
    filename: p.filename,
    contentType: type,
    data: p.content,
    sha256,
  }));
}

/**
 * What the analyzer reads of a parsed email and its stored attachments: the one place the input
 * (and so the cache key) is made, for the pipeline and for the re-analysis job alike.
 */
export function analysisInputFor(
  parsed: ParsedEmail,
  attachments: Attachment[],
  receivedAt: string,
): AnalysisInput {
  return {
    subject: parsed.subject,
    body: parsed.text,
    attachmentsText: attachments.map((a) => a.extractedText).filter((t) => t.length > 0),
    from: parsed.from?.email ?? "",
    receivedAt: parsed.date ?? receivedAt,
    files: analysisFiles(parsed.attachments, attachments),
  };
}

/**
 * Runs a wait on the network outside the pipeline's CPU limit (`Limiter.outside`), so mails
 * waiting for Claude do not hold the slots of mails that could be parsed meanwhile.
 */
export type WaitOutside = <T>(wait: () => Promise<T>) => Promise<T>;

/** What the pipeline gets: every analysis field present, and whether the cache answered. */
export type CachedAnalysis = Omit<AnalysisResult, "analysis"> & {
  analysis: CompleteAnalysis;
  cached: boolean;
  /** Why the configured analyzer was not asked (the local one read it). */
  skipped?: string;
};

/** Cache key: analyzer identity plus a hash of the normalised input (and of any files sent). */
export async function analysisCacheKey(
  ctx: Pick<AppContext, "analyzer">,
  input: AnalysisInput,
): Promise<string> {
  const normalised = [
    input.from.toLowerCase().trim(),
    input.subject.replace(/\s+/g, " ").trim(),
    input.body.replace(/\s+/g, " ").trim(),
    ...input.attachmentsText.map((t) => t.replace(/\s+/g, " ").trim()),
    input.receivedAt.slice(0, 10),
    ...(input.files ?? []).map((f) => f.sha256 ?? `${f.contentType}:${f.data.byteLength}`),
  ].join("\u0000");
  return `analysis:${ctx.analyzer.name}:${ctx.analyzer.version}:${await sha256Hex(normalised)}`;
}

/**
 * Analyse through the cache: a hit skips the analyzer entirely; a call's tokens go to the usage
 * ledger. A fallback answer (the
 * configured analyzer failed) is not cached, so the next attempt asks the configured one again.
 */
export async function analyzeCached(
  ctx:
    & Pick<AppContext, "analyzer" | "cache" | "config" | "log" | "store" | "now">
    & Partial<Pick<AppContext, "metrics" | "keepAlive">>,
  input: AnalysisInput,
  waitOutside: WaitOutside = (wait) => wait(),
  /** Asked on a cache miss: a reason not to call the model (the local analyzer answers). */
  modelNotNeeded: () => Promise<string | null> = () => Promise.resolve(null),
): Promise<CachedAnalysis> {
  const key = await analysisCacheKey(ctx, input);
  const text = [input.subject, input.body, ...input.attachmentsText].join("\n");
  try {
    const hit = await ctx.cache.get<AnalysisResult>(key);
    if (hit) {
      ctx.metrics?.analysed({ ...hit, cached: true });
      return { ...hit, analysis: completeAnalysis(hit.analysis, text), cached: true };
    }
  } catch (err) {
    ctx.log.warn("cache_get_failed", { error: String(err) });
  }
  const skipped = await modelNotNeeded();
  if (skipped) return { ...await analyzeLocal(input), skipped };
  const keep = async (result: AnalysisResult) => {
    ctx.metrics?.analysed({ ...result, cached: false });
    await recordUsage(ctx, result);
    if (result.fallback) return;
    try {
      await ctx.cache.set(key, result, ctx.config.CACHE_TTL_SECONDS);
    } catch (err) {
      ctx.log.warn("cache_set_failed", { error: String(err) });
    }
  };
  if (!ctx.analyzer.remote) {
    const result = await ctx.analyzer.analyze(input);
    await keep(result);
    return { ...result, analysis: completeAnalysis(result.analysis, text), cached: false };
  }
  const call = ctx.analyzer.analyze(input);
  const result = await waitOutside(() => withinBound(call, ctx.config.CLAUDE_MAX_WAIT_MS));
  if (result) {
    await keep(result);
    return { ...result, analysis: completeAnalysis(result.analysis, text), cached: false };
  }
  // Past the bound: the local reading now, so the complaint is saved and alerted at once. The
  // call goes on; its answer lands in the cache, where the re-analysis job finds it for free.
  const late = call.then(keep).catch((err) =>
    ctx.log.warn("late_analysis_failed", { error: String(err) })
  );
  ctx.keepAlive?.(late);
  const ms = ctx.config.CLAUDE_MAX_WAIT_MS;
  ctx.log.warn("analyzer_slow", { analyzer: ctx.analyzer.name, waitedMs: ms });
  const local = await analyzeLocal(input);
  return {
    ...local,
    fallback: { from: ctx.analyzer.name, reason: `no answer within ${ms} ms` },
  };
}

/** The call's result, or null when it has not settled within `ms` (0: no bound). */
async function withinBound<T>(call: Promise<T>, ms: number): Promise<T | null> {
  if (ms <= 0) return await call;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<null>((resolve) => timer = setTimeout(() => resolve(null), ms));
  try {
    return await Promise.race([call, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The local analyzer's reading, whatever analyzer is configured: for mail that must not cost a
 * model call (an exact repeat, a flooding sender). Not cached: it costs less than a look-up.
 */
export async function analyzeLocal(input: AnalysisInput): Promise<CachedAnalysis> {
  const result = await new LocalAnalyzer().analyze(input);
  const text = [input.subject, input.body, ...input.attachmentsText].join("\n");
  return { ...result, analysis: completeAnalysis(result.analysis, text), cached: false };
}
