import type { Metrics } from "./metrics.ts";
import type { EventBus } from "./live/bus.ts";
import type { CorrectionBook } from "./analyze/corrections.ts";
import type { ReplyDrafter } from "./replies/drafter.ts";
import type { Config } from "./config.ts";
import type { ComplaintStore } from "./store/port.ts";
import type { BlobStore } from "./blobs/port.ts";
import type { Cache } from "./cache/port.ts";
import type { Analyzer, BatchAnalyzer } from "./analyze/port.ts";
import type { Notifier } from "./notify/port.ts";
import type { Logger } from "./log.ts";
import type { ExtractPool } from "./extract/pool.ts";
import type { OffloadPool } from "./offload/pool.ts";
import type { EscalationPolicy } from "./escalation/policy.ts";
import type { Mailer } from "./mail/port.ts";

/**
 * Every port and shared service the stages use, built once from config by the composition root
 * (`lib/context.ts`). Stages and functions take the narrow part they need (`Pick<AppContext, …>`).
 */
export interface AppContext {
  config: Config;
  store: ComplaintStore;
  blobs: BlobStore;
  cache: Cache;
  analyzer: Analyzer;
  notifier: Notifier;
  log: Logger;
  now: () => Date;
  /** Extraction workers (started on the first job, stopped by the root's `close()`). */
  extractPool: ExtractPool;
  /** Worker threads for MIME parsing and local analysis (started on the first job). */
  offload: OffloadPool;
  /** Teams, SLAs and escalation levels, from config. */
  policy: EscalationPolicy;
  /** Outbound mail: SMTP when `SMTP_URL` is set, else the blob store's outbox. */
  mailer: Mailer;
  /**
   * Keeps the runtime alive for work that outlives its response (Supabase's
   * `EdgeRuntime.waitUntil`); absent on a resident server, where nothing stops it.
   */
  keepAlive?: (work: Promise<unknown>) => void;
  /** Claude's Message Batches, when `CLAUDE_BATCH` is on (the re-analysis backlog goes there). */
  batches?: BatchAnalyzer;
  /** Writes reply drafts (Claude when a key is set); without it drafts come from saved replies. */
  drafter?: ReplyDrafter;
  /** Agents' triage corrections, which the local analyzer learns from. */
  corrections: CorrectionBook;
  /** Complaint changes as they happen, for the dashboard's live updates. */
  events: EventBus;
  /** Counters and timings for `GET /metrics`. */
  metrics: Metrics;
}
