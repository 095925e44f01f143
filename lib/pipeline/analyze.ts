import type { AnalysisInput, AnalysisResult } from "../analyze/port.ts";
import { type CompleteAnalysis, completeAnalysis } from "../analyze/schema.ts";
import type { AppContext } from "../context.ts";
import { sha256Hex } from "../crypto.ts";

/** What the pipeline gets: every analysis field present, and whether the cache answered. */
export type CachedAnalysis = Omit<AnalysisResult, "analysis"> & {
  analysis: CompleteAnalysis;
  cached: boolean;
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
 * Analyse through the cache: a hit skips the analyzer entirely. A fallback answer (the
 * configured analyzer failed) is not cached, so the next attempt asks the configured one again.
 */
export async function analyzeCached(
  ctx: Pick<AppContext, "analyzer" | "cache" | "config" | "log">,
  input: AnalysisInput,
): Promise<CachedAnalysis> {
  const key = await analysisCacheKey(ctx, input);
  const text = [input.subject, input.body, ...input.attachmentsText].join("\n");
  try {
    const hit = await ctx.cache.get<AnalysisResult>(key);
    if (hit) return { ...hit, analysis: completeAnalysis(hit.analysis, text), cached: true };
  } catch (err) {
    ctx.log.warn("cache_get_failed", { error: String(err) });
  }
  const result = await ctx.analyzer.analyze(input);
  if (!result.fallback) {
    try {
      await ctx.cache.set(key, result, ctx.config.CACHE_TTL_SECONDS);
    } catch (err) {
      ctx.log.warn("cache_set_failed", { error: String(err) });
    }
  }
  return { ...result, analysis: completeAnalysis(result.analysis, text), cached: false };
}
