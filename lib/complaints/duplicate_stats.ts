import type { AppContext } from "../ports.ts";
import type { EnvConfig } from "../config.ts";

export interface DuplicateStats {
  duplicates: number;
  total: number;
  duplicate_rate: number;
  /** Automatic duplicate links agents undid ("not a duplicate"): the detector's false positives. */
  undone: number;
  /** duplicates / (duplicates + undone): how often a link the detector made was kept. */
  precision: number | null;
  top_duplicate_customers: { email: string; count: number }[];
  settings: {
    window_days: number;
    threshold: number;
    same_order_threshold: number;
    flood_max_per_hour: number;
  };
}

/** How many complaints were duplicates, who repeats most, and how the detector is set. */
export async function duplicateStats(
  ctx: { store: AppContext["store"]; config: EnvConfig },
  top = 10,
): Promise<DuplicateStats> {
  const stats = await ctx.store.stats();
  const duplicates = stats.byStatus.duplicate ?? 0;
  const undone = (await ctx.store.listComplaints({ notDuplicate: true, page: 1, limit: 1 })).total;
  return {
    duplicates,
    total: stats.total,
    duplicate_rate: stats.total ? Math.round((duplicates / stats.total) * 1000) / 1000 : 0,
    undone,
    precision: duplicates + undone
      ? Math.round((duplicates / (duplicates + undone)) * 1000) / 1000
      : null,
    top_duplicate_customers: await ctx.store.topCustomers("duplicate", top),
    settings: {
      window_days: ctx.config.DUPLICATE_WINDOW_DAYS,
      threshold: ctx.config.DUPLICATE_THRESHOLD,
      same_order_threshold: ctx.config.DUPLICATE_SAME_ORDER_THRESHOLD,
      flood_max_per_hour: ctx.config.FLOOD_MAX_PER_HOUR,
    },
  };
}
