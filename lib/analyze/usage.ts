import type { AppContext } from "../ports.ts";
import type { EnvConfig } from "../config.ts";
import type { AnalysisResult, TokenUsage } from "./port.ts";
import type { UsageCounts, UsageDay } from "../store/port.ts";

/** Dollars per million tokens of one model. */
export interface ModelPrice {
  input: number;
  output: number;
}

/** Anthropic bills cache reads at a tenth of the input price and cache writes at 1.25×. */
const CACHE_READ_SHARE = 0.1;
const CACHE_WRITE_SHARE = 1.25;
/** Message Batches are billed at half the price; their ledger rows carry this model suffix. */
export const BATCH_SUFFIX = ":batch";
const BATCH_SHARE = 0.5;

/** The counters one analysis adds to the ledger. */
export function usageCounts(tokens: TokenUsage): UsageCounts {
  return {
    calls: tokens.calls ?? 1,
    input: tokens.input,
    output: tokens.output,
    cacheRead: tokens.cacheRead ?? 0,
    cacheWrite: tokens.cacheWrite ?? 0,
  };
}

/**
 * Add an analysis's tokens to the day's ledger when it called a model (not a cache hit, not the
 * local analyzer). Failing to count never fails the analysis: it is logged.
 */
export async function recordUsage(
  ctx: Pick<AppContext, "store" | "now" | "log">,
  result: Pick<AnalysisResult, "tokens" | "model" | "analyzer" | "batch">,
): Promise<void> {
  if (!result.tokens) return;
  try {
    await ctx.store.addUsage(
      ctx.now().toISOString().slice(0, 10),
      (result.model ?? result.analyzer) + (result.batch ? BATCH_SUFFIX : ""),
      usageCounts(result.tokens),
    );
  } catch (err) {
    ctx.log.warn("usage_not_recorded", { error: String(err) });
  }
}

/**
 * The price of a model: the entry whose id it is, or begins with (replies name dated versions,
 * `claude-haiku-4-5-20251001`), the longest such entry winning.
 */
export function priceFor(
  prices: ReadonlyMap<string, ModelPrice>,
  model: string,
): ModelPrice | undefined {
  let best: string | undefined;
  for (const key of prices.keys()) {
    if ((model === key || model.startsWith(`${key}-`)) && (!best || key.length > best.length)) {
      best = key;
    }
  }
  return best === undefined ? undefined : prices.get(best);
}

/** Estimated cost in dollars, or null when the model has no price configured. */
export function usageCost(
  usage: UsageCounts,
  price: ModelPrice | undefined,
): number | null {
  if (!price) return null;
  const plain = Math.max(0, usage.input - usage.cacheRead - usage.cacheWrite);
  const dollars = (plain * price.input + usage.cacheRead * price.input * CACHE_READ_SHARE +
    usage.cacheWrite * price.input * CACHE_WRITE_SHARE + usage.output * price.output) / 1e6;
  return Math.round(dollars * 1e6) / 1e6;
}

/** One day of usage with its estimated cost (null: a model without a price was used). */
export interface UsageReportDay extends UsageCounts {
  day: string;
  models: string[];
  costUsd: number | null;
}

/** How many days the dashboard and `/stats` show. */
export const USAGE_DAYS = 14;

/**
 * Claude's calls, tokens and estimated cost per day for the last `days` days (newest first),
 * models summed, priced with `CLAUDE_PRICES`.
 */
export async function usageReport(
  ctx: Pick<AppContext, "store" | "now"> & { config: Pick<EnvConfig, "CLAUDE_PRICES"> },
  days = USAGE_DAYS,
): Promise<UsageReportDay[]> {
  const since = new Date(ctx.now().getTime() - (days - 1) * 86_400_000).toISOString().slice(0, 10);
  const rows = await ctx.store.listUsage(since);
  const byDay = new Map<string, UsageDay[]>();
  for (const row of rows) byDay.set(row.day, [...(byDay.get(row.day) ?? []), row]);
  return [...byDay].map(([day, list]) => {
    const total: UsageCounts = { calls: 0, input: 0, output: 0, cacheRead: 0, cacheWrite: 0 };
    let cost: number | null = 0;
    for (const row of list) {
      for (const k of Object.keys(total) as (keyof UsageCounts)[]) total[k] += row[k];
      const batch = row.model.endsWith(BATCH_SUFFIX);
      const model = batch ? row.model.slice(0, -BATCH_SUFFIX.length) : row.model;
      const full = usageCost(row, priceFor(ctx.config.CLAUDE_PRICES, model));
      const c = full === null ? null : batch ? full * BATCH_SHARE : full;
      cost = cost === null || c === null ? null : cost + c;
    }
    return {
      day,
      models: list.map((r) => r.model),
      ...total,
      costUsd: cost === null ? null : Math.round(cost * 1e6) / 1e6,
    };
  });
}
