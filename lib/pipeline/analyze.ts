import type { AnalysisInput, AnalysisResult } from "../analyze/port.ts";
import type { AppContext } from "../context.ts";
import { sha256Hex } from "../crypto.ts";

/** Cache key: analyzer identity plus a hash of the normalised input. */
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
  ].join("\u0000");
  return `analysis:${ctx.analyzer.name}:${ctx.analyzer.version}:${await sha256Hex(normalised)}`;
}

/** Analyse through the cache: a hit skips the analyzer entirely. */
export async function analyzeCached(
  ctx: Pick<AppContext, "analyzer" | "cache" | "config" | "log">,
  input: AnalysisInput,
): Promise<AnalysisResult & { cached: boolean }> {
  const key = await analysisCacheKey(ctx, input);
  try {
    const hit = await ctx.cache.get<AnalysisResult>(key);
    if (hit) return { ...hit, cached: true };
  } catch (err) {
    ctx.log.warn("cache_get_failed", { error: String(err) });
  }
  const result = await ctx.analyzer.analyze(input);
  try {
    await ctx.cache.set(key, result, ctx.config.CACHE_TTL_SECONDS);
  } catch (err) {
    ctx.log.warn("cache_set_failed", { error: String(err) });
  }
  return { ...result, cached: false };
}
