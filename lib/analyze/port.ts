import type { Analysis } from "./schema.ts";

export type { Analysis, CompleteAnalysis, Flags } from "./schema.ts";

/** An attachment's bytes, for analyzers that read images and PDFs themselves. */
export interface AnalysisFile {
  filename: string;
  contentType: string;
  data: Uint8Array;
  /** SHA-256 of `data`, hex: part of the cache key when files are sent. */
  sha256?: string;
}

/** What an analyzer is given: the customer's text and what came with it. */
export interface AnalysisInput {
  subject: string;
  body: string;
  attachmentsText: string[];
  from: string;
  /** ISO date of the email, for relative dates. */
  receivedAt: string;
  /** Attachment bytes (images, PDFs); only analyzers that read them natively use these. */
  files?: AnalysisFile[];
  /** Recent triage corrections by agents, for a model to follow on similar mail. */
  examples?: { subject: string; category?: string; priority?: string }[];
}

/** Tokens one analysis used; `input` counts every input token, cached ones included. */
export interface TokenUsage {
  input: number;
  output: number;
  /** Of `input`, read from Anthropic's prompt cache (billed at a tenth). */
  cacheRead?: number;
  /** Of `input`, written to the prompt cache (billed at 1.25×). */
  cacheWrite?: number;
  /** Requests made (a repair turn is a second one). */
  calls?: number;
}

export interface AnalysisResult {
  analysis: Analysis;
  analyzer: string;
  model?: string;
  version: string;
  ms: number;
  tokens?: TokenUsage;
  /** Set when the configured analyzer failed and the local one answered instead. */
  fallback?: { from: string; reason: string };
  /** Answered through a batch API (billed at half price). */
  batch?: boolean;
}

/** The analyzer port: Claude when configured, the local analyzer always. */
export interface Analyzer {
  readonly name: string;
  readonly version: string;
  /**
   * True when analysing mostly waits on a network service (Claude): the pipeline then lets other
   * mails use the CPU meanwhile. The local analyzer is CPU work and leaves it unset.
   */
  readonly remote?: boolean;
  analyze(input: AnalysisInput): Promise<AnalysisResult>;
}

/** One batch item's outcome: the analysis, or why there is none. */
export type BatchItemResult = AnalysisResult | { error: string };

/**
 * Analysis through a batch API (Anthropic's Message Batches: half the price, answered within a
 * day): for backlog nobody waits on, such as re-reading complaints the local analyzer triaged.
 */
export interface BatchAnalyzer {
  /** Send the items as one batch; its id. `id`s are `[A-Za-z0-9_-]{1,64}`, unique in the batch. */
  submitBatch(items: { id: string; input: AnalysisInput }[]): Promise<string>;
  /** Null while the batch runs; once it has ended, every item's result by its id. */
  batchResults(batchId: string): Promise<Map<string, BatchItemResult> | null>;
}
