import type { Config } from "./config.ts";
import type { AppContext } from "./ports.ts";
import { Pipeline } from "./pipeline/pipeline.ts";
import { createExtractPool } from "./extract/registry.ts";
import { policyFromConfig } from "./escalation/policy.ts";
import type { ComplaintStore } from "./store/port.ts";
import type { BlobStore } from "./blobs/port.ts";
import type { Cache } from "./cache/port.ts";
import type { Analyzer, BatchAnalyzer } from "./analyze/port.ts";
import type { Notifier } from "./notify/port.ts";
import type { Mailer } from "./mail/port.ts";
import { createLogger, type Logger } from "./log.ts";
import { initWithRetry } from "./init_retry.ts";
import { Metrics } from "./metrics.ts";
import { EventBus } from "./live/bus.ts";
import { observedStore } from "./live/observed_store.ts";
import { startAgentMessages } from "./live/agent_messages.ts";
import { CorrectionBook } from "./analyze/corrections.ts";
import { OffloadPool } from "./offload/pool.ts";

/** An offloaded parse or analysis running this long is stuck (a pathological mail). */
const OFFLOAD_TIMEOUT_MS = 120_000;

export type { AppContext };

/**
 * The running product: its ports and the services that live as long as it does (the pipeline
 * with its queues and locks, the extraction workers), and one `close()` that stops them all.
 */
export interface App extends AppContext {
  pipeline: Pipeline;
  /** Wait for background work, stop the workers, close the store. Idempotent. */
  close(): Promise<void>;
}

/** The only place adapters are chosen: one line per port and adapter. */
export async function createContext(
  config: Config,
  overrides: Partial<AppContext> = {},
): Promise<App> {
  const log = overrides.log ?? createLogger(config.LOG_LEVEL);
  const events = overrides.events ?? new EventBus();
  const store = observedStore(overrides.store ?? await createStore(config), events);
  const blobs = overrides.blobs ?? await createBlobs(config);
  const cache = overrides.cache ?? await createCache(config);
  const offload = overrides.offload ??
    new OffloadPool({ size: config.OFFLOAD_WORKERS, timeoutMs: OFFLOAD_TIMEOUT_MS });
  const built = overrides.analyzer ? null : await createAnalyzer(config, log, offload);
  const analyzer = overrides.analyzer ?? built!.analyzer;
  const notifier = overrides.notifier ?? await createNotifier(config, log);
  await initWithRetry(store.name, () => store.init(), log);
  await initWithRetry(blobs.name, () => blobs.init(), log);
  const ports: AppContext = {
    config,
    store,
    blobs,
    cache,
    analyzer,
    notifier,
    log,
    now: overrides.now ?? (() => new Date()),
    extractPool: overrides.extractPool ?? createExtractPool(config),
    offload,
    policy: overrides.policy ?? policyFromConfig(config),
    mailer: overrides.mailer ?? await createMailer(config, blobs),
    keepAlive: overrides.keepAlive ?? edgeRuntimeKeepAlive(),
    metrics: overrides.metrics ?? new Metrics(),
    events,
    corrections: overrides.corrections ?? new CorrectionBook(store),
    batches: overrides.batches ?? (config.CLAUDE_BATCH ? built?.claude : undefined),
    drafter: overrides.drafter ?? await createDrafter(config),
  };
  // One object: the pipeline sees what the app sees (a test that moves `now` moves it for both).
  const app = ports as App;
  app.pipeline = new Pipeline(app);
  const agentMessages = startAgentMessages(app);
  app.metrics.observe({
    queueDepth: () => app.pipeline.pending,
    inflightBytes: () => app.pipeline.memory.held,
  });
  let closing: Promise<void> | null = null;
  app.close = () =>
    closing ??= (async () => {
      app.events.close();
      await app.pipeline.drain();
      await agentMessages.stop();
      await app.extractPool.close();
      await app.offload.close();
      await app.mailer.close();
      await store.close();
      await app.blobs.close?.();
    })();
  return app;
}

/** Supabase's `EdgeRuntime.waitUntil` where the runtime has it (an edge function), else none. */
function edgeRuntimeKeepAlive(): AppContext["keepAlive"] {
  const runtime = (globalThis as { EdgeRuntime?: { waitUntil?(p: Promise<unknown>): void } })
    .EdgeRuntime;
  const waitUntil = runtime?.waitUntil;
  return waitUntil ? (work) => waitUntil.call(runtime, work) : undefined;
}

/**
 * How long MongoDB's complaint counts are reused. Counting there reads every complaint (a
 * `$group` pass; FerretDB's `$inc` loses concurrent updates, so no maintained counters), and
 * other instances write too: the dashboard and `/stats` show figures at most 5 s old, or up to a
 * minute old while a newer count is being made. The embedded store keeps exact counts instead.
 */
const MONGO_STATS_CACHE = { freshMs: 5_000, staleMs: 60_000 };

async function createStore(config: Config): Promise<ComplaintStore> {
  if (config.MONGODB_URI) {
    const { MongoStore } = await import("./store/mongo.ts");
    const { StatsCache, withCachedStats } = await import("./store/stats_cache.ts");
    const mongo = new MongoStore(config.MONGODB_URI, config.MONGODB_DB);
    return withCachedStats(mongo, new StatsCache(() => mongo.stats(), MONGO_STATS_CACHE));
  }
  const { SqliteStore } = await import("./store/sqlite.ts");
  return new SqliteStore(`${config.DATA_DIR}/complaints.db`, { backgroundCheckpoints: true });
}

async function createBlobs(config: Config): Promise<BlobStore> {
  if (config.S3_BUCKET) {
    return new (await import("./blobs/s3.ts")).S3BlobStore({
      bucket: config.S3_BUCKET,
      region: config.S3_REGION,
      endpoint: config.S3_ENDPOINT,
      publicEndpoint: config.S3_PUBLIC_ENDPOINT,
      accessKeyId: config.AWS_ACCESS_KEY_ID,
      secretAccessKey: config.AWS_SECRET_ACCESS_KEY,
      presignSeconds: config.S3_PRESIGN_SECONDS,
    });
  }
  const { LocalBlobStore } = await import("./blobs/local.ts");
  return new LocalBlobStore(`${config.DATA_DIR}/blobs`);
}

async function createCache(config: Config): Promise<Cache> {
  if (config.UPSTASH_REDIS_REST_URL && config.UPSTASH_REDIS_REST_TOKEN) {
    return new (await import("./cache/upstash.ts")).UpstashCache({
      url: config.UPSTASH_REDIS_REST_URL,
      token: config.UPSTASH_REDIS_REST_TOKEN,
    });
  }
  const { MemoryCache } = await import("./cache/memory.ts");
  return new MemoryCache();
}

async function createAnalyzer(
  config: Config,
  log: Logger,
  offload: OffloadPool,
): Promise<{ analyzer: Analyzer; claude?: BatchAnalyzer }> {
  const { LocalAnalyzer } = await import("./analyze/local/analyzer.ts");
  const local = new LocalAnalyzer((input) => offload.analyze(input));
  if (!config.ANTHROPIC_API_KEY) return { analyzer: local };
  const { ClaudeAnalyzer } = await import("./analyze/claude/analyzer.ts");
  const { ClaudeGate } = await import("./analyze/claude/gate.ts");
  const { FallbackAnalyzer } = await import("./analyze/fallback.ts");
  const claude = new ClaudeAnalyzer({
    apiKey: config.ANTHROPIC_API_KEY,
    baseURL: config.ANTHROPIC_BASE_URL,
    model: config.CLAUDE_MODEL,
    timeoutMs: config.CLAUDE_TIMEOUT_MS,
    maxRetries: config.CLAUDE_MAX_RETRIES,
    maxRetryWaitMs: config.CLAUDE_MAX_RETRY_WAIT_MS,
    attachments: config.CLAUDE_ATTACHMENTS,
    gate: new ClaudeGate(config.CLAUDE_CONCURRENCY),
  });
  return { analyzer: new FallbackAnalyzer(claude, local, log), claude };
}

async function createDrafter(config: Config): Promise<AppContext["drafter"]> {
  if (!config.ANTHROPIC_API_KEY) return undefined;
  return new (await import("./replies/claude_drafter.ts")).ClaudeDrafter({
    apiKey: config.ANTHROPIC_API_KEY,
    baseURL: config.ANTHROPIC_BASE_URL,
    model: config.CLAUDE_MODEL,
    timeoutMs: config.CLAUDE_TIMEOUT_MS,
  });
}

async function createNotifier(config: Config, log: Logger): Promise<Notifier> {
  if (config.TELEGRAM_BOT_TOKEN && config.TELEGRAM_CHAT_ID) {
    return new (await import("./notify/telegram.ts")).TelegramNotifier({
      token: config.TELEGRAM_BOT_TOKEN,
      chatId: config.TELEGRAM_CHAT_ID,
      apiRoot: config.TELEGRAM_API_ROOT,
      publicUrl: config.PUBLIC_URL,
      maxDelaySeconds: config.TELEGRAM_RETRY_MAX_SECONDS,
    });
  }
  const { LogNotifier } = await import("./notify/log.ts");
  return new LogNotifier(log);
}

async function createMailer(config: Config, blobs: BlobStore): Promise<Mailer> {
  if (config.SMTP_URL) {
    return new (await import("./mail/smtp.ts")).SmtpMailer({ url: config.SMTP_URL });
  }
  return new (await import("./mail/outbox.ts")).OutboxMailer(blobs);
}
