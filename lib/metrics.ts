import { Counter, Gauge, Histogram, Registry } from "prom-client";

/** Where a request went, as a low-cardinality label: the function it reached, or the pages. */
export type HttpApp = "ingest" | "api" | "telegram" | "metrics" | "web";

/** What an intake answered: the pipeline's result kinds, plus refused and failed posts. */
export type IngestLabel =
  | "created"
  | "threaded"
  | "ignored"
  | "existing"
  | "accepted"
  | "rejected"
  | "error";

/** What processing made of a message (a complaint whose processing failed counts as failed). */
export type ProcessedLabel = "created" | "duplicate" | "threaded" | "ignored" | "failed";

/** A stage of processing, timed on its own. */
export type StageLabel = "store_raw" | "parse" | "attachments" | "analyze" | "process";

/** Read when scraped: the numbers that describe now, not a history. */
export interface MetricsGauges {
  /** Messages being processed or waiting for a processing slot. */
  queueDepth(): number;
  /** Raw bytes ingest holds in memory. */
  inflightBytes(): number;
}

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

/**
 * The product's Prometheus metrics, in a registry of its own (one per composition root, so two
 * apps in one process — tests, the edge test — never share counters). Names follow Prometheus
 * conventions: `_total` counters, `_seconds` histograms, base units.
 */
export class Metrics {
  readonly registry = new Registry();
  #gauges: MetricsGauges = { queueDepth: () => 0, inflightBytes: () => 0 };

  readonly #ingest = this.#counter(
    "inbox_ingest_total",
    "Emails posted to intake, by what the answer said.",
    ["result"] as const,
  );
  readonly #processed = this.#counter(
    "inbox_processed_total",
    "Emails processed, by outcome (failed: kept and marked for retry).",
    ["outcome"] as const,
  );
  readonly #stage = new Histogram({
    name: "inbox_stage_duration_seconds",
    help: "Time spent in each processing stage.",
    labelNames: ["stage"] as const,
    buckets: SECONDS,
    registers: [this.registry],
  });
  readonly #claudeCalls = this.#counter(
    "inbox_claude_calls_total",
    "Analyzer calls to Claude, by result (error: Claude failed and the local analyzer answered).",
    ["result"] as const,
  );
  readonly #claudeTokens = this.#counter(
    "inbox_claude_tokens_total",
    "Claude tokens, by kind.",
    ["kind"] as const,
  );
  readonly #analyses = this.#counter(
    "inbox_analyses_total",
    "Analyses, by analyzer and whether the cache answered.",
    ["analyzer", "cached"] as const,
  );
  readonly #alerts = this.#counter(
    "inbox_alerts_total",
    "Alerts sent to the notifier, by kind and result.",
    ["kind", "result"] as const,
  );
  readonly #outbound = this.#counter(
    "inbox_outbound_mail_total",
    "Outbound mail (replies, acknowledgements), by delivery state.",
    ["state"] as const,
  );
  readonly #http = new Histogram({
    name: "inbox_http_request_duration_seconds",
    help: "HTTP requests, by app, method and status class.",
    labelNames: ["app", "method", "status"] as const,
    buckets: SECONDS,
    registers: [this.registry],
  });

  #counter<L extends string>(name: string, help: string, labelNames: readonly L[]): Counter<L> {
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }

  constructor() {
    const gauges = () => this.#gauges;
    new Gauge({
      name: "inbox_queue_depth",
      help: "Messages being processed or waiting for a processing slot.",
      registers: [this.registry],
      collect() {
        this.set(gauges().queueDepth());
      },
    });
    new Gauge({
      name: "inbox_ingest_inflight_bytes",
      help: "Raw email bytes ingest holds in memory.",
      registers: [this.registry],
      collect() {
        this.set(gauges().inflightBytes());
      },
    });
    new Gauge({
      name: "inbox_process_resident_memory_bytes",
      help: "Resident set size of this process.",
      registers: [this.registry],
      collect() {
        this.set(Deno.memoryUsage().rss);
      },
    });
  }

  /** Read these gauges when scraped (the pipeline's, once it exists). */
  observe(gauges: MetricsGauges): void {
    this.#gauges = gauges;
  }

  /** Count an intake answer. */
  ingest(result: IngestLabel): void {
    this.#ingest.inc({ result });
  }

  /** Count what processing made of a message. */
  processed(outcome: ProcessedLabel): void {
    this.#processed.inc({ outcome });
  }

  /** Time `work` as one run of a stage (failed runs count too: they took the time). */
  async time<T>(stage: StageLabel, work: () => Promise<T>): Promise<T> {
    const end = this.#stage.startTimer({ stage });
    try {
      return await work();
    } finally {
      end();
    }
  }

  /** Count one analysis; Claude's calls, errors and tokens besides. */
  analysed(result: {
    analyzer: string;
    cached: boolean;
    fallback?: unknown;
    tokens?: {
      input: number;
      output: number;
      cacheRead?: number;
      cacheWrite?: number;
      calls?: number;
    };
  }): void {
    this.#analyses.inc({ analyzer: result.analyzer, cached: String(result.cached) });
    if (result.cached) return;
    if (result.fallback) this.#claudeCalls.inc({ result: "error" });
    else if (result.tokens) this.#claudeCalls.inc({ result: "ok" }, result.tokens.calls ?? 1);
    const t = result.tokens;
    if (!t) return;
    this.#claudeTokens.inc({ kind: "input" }, t.input);
    this.#claudeTokens.inc({ kind: "output" }, t.output);
    this.#claudeTokens.inc({ kind: "cache_read" }, t.cacheRead ?? 0);
    this.#claudeTokens.inc({ kind: "cache_write" }, t.cacheWrite ?? 0);
  }

  /** Count one alert attempt. */
  alert(kind: string, result: "sent" | "failed"): void {
    this.#alerts.inc({ kind, result });
  }

  /** Count one outbound delivery attempt. */
  outbound(state: "sent" | "outbox" | "failed"): void {
    this.#outbound.inc({ state });
  }

  /** Record one answered HTTP request. */
  request(app: HttpApp, method: string, status: number, seconds: number): void {
    this.#http.observe(
      {
        app,
        method: KNOWN_METHODS.has(method) ? method : "OTHER",
        status: `${Math.floor(status / 100)}xx`,
      },
      seconds,
    );
  }

  /** The text exposition format, and its content type. */
  async render(): Promise<{ body: string; contentType: string }> {
    return { body: await this.registry.metrics(), contentType: this.registry.contentType };
  }
}

const KNOWN_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);
