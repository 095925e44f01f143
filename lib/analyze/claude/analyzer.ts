import Anthropic from "@anthropic-ai/sdk";
import type { z } from "zod";
import type {
  AnalysisInput,
  AnalysisResult,
  Analyzer,
  BatchAnalyzer,
  BatchItemResult,
  TokenUsage,
} from "../port.ts";
import { analysisJsonSchema, analysisSchema, type StrictAnalysis } from "../schema.ts";
import { analysisTool, systemBlocks, TOOL_NAME, userContent } from "./prompt.ts";
import { withCappedRetry } from "./retry.ts";
import { ClaudeGate } from "./gate.ts";
import { anthropicClient } from "./client.ts";

export interface ClaudeOptions {
  /** Sent as the API key; the SDK must not look for one in the environment. */
  apiKey: string;
  baseURL?: string;
  model: string;
  timeoutMs: number;
  maxRetries: number;
  maxRetryWaitMs: number;
  attachments: "text" | "native";
  maxTokens?: number;
  /** Shared by every call: the concurrency limit and the common back-off (one per process). */
  gate?: ClaudeGate;
}

/** Raised when Claude's reply is unusable even after the repair attempt. */
export class ClaudeReplyError extends Error {
  constructor(message: string, readonly tokens: { input: number; output: number }) {
    super(message);
    this.name = "ClaudeReplyError";
  }
}

type Tokens = TokenUsage;

/**
 * Claude through the Messages API: one forced tool call whose input is the analysis, validated
 * with the analysis schema; one repair round trip when it does not validate.
 */
export class ClaudeAnalyzer implements Analyzer, BatchAnalyzer {
  readonly name = "claude";
  readonly version: string;
  readonly remote = true;
  readonly gate: ClaudeGate;
  readonly #client: Anthropic;
  readonly #tool: Anthropic.Tool;

  constructor(private readonly options: ClaudeOptions) {
    this.version = `claude-1:${options.model}`;
    this.gate = options.gate ?? new ClaudeGate(16);
    // Our own loop retries, so that a long retry-after cannot stall the pipeline.
    this.#client = anthropicClient({ ...options, maxRetries: 0 });
    this.#tool = analysisTool(analysisJsonSchema());
  }

  async analyze(input: AnalysisInput): Promise<AnalysisResult> {
    const started = performance.now();
    const tokens: Tokens = { input: 0, output: 0 };
    const messages: Anthropic.MessageParam[] = [
      { role: "user", content: userContent(input, this.options.attachments) },
    ];
    let reply = await this.#send(messages, tokens);
    let parsed = parseReply(reply);
    if (!parsed.ok) {
      messages.push(
        { role: "assistant", content: asParams(reply.content) },
        { role: "user", content: repairTurn(reply, parsed.error) },
      );
      reply = await this.#send(messages, tokens);
      parsed = parseReply(reply);
      if (!parsed.ok) {
        throw new ClaudeReplyError(`invalid analysis after repair: ${parsed.error}`, tokens);
      }
    }
    return {
      analysis: { ...parsed.value, tags: tagsOf(parsed.value) },
      analyzer: this.name,
      model: reply.model || this.options.model,
      version: this.version,
      ms: Math.round(performance.now() - started),
      tokens,
    };
  }

  async #send(messages: Anthropic.MessageParam[], tokens: Tokens): Promise<Anthropic.Message> {
    const reply = await withCappedRetry(
      () =>
        this.gate.run(async () => {
          try {
            const { data, response } = await this.#client.messages.create(
              this.#params(messages),
            ).withResponse();
            this.gate.observe(response.headers);
            return data;
          } catch (err) {
            this.gate.observe((err as { headers?: Headers }).headers);
            throw err;
          }
        }),
      {
        maxRetries: this.options.maxRetries,
        maxWaitMs: this.options.maxRetryWaitMs,
        // A rate limit or overload slows every caller, not only the one that met it.
        onBackoff: (ms) => this.gate.pause(ms),
      },
    );
    addUsage(tokens, reply.usage);
    return reply;
  }

  #params(messages: Anthropic.MessageParam[]): Anthropic.MessageCreateParamsNonStreaming {
    return {
      model: this.options.model,
      max_tokens: this.options.maxTokens ?? 1024,
      system: systemBlocks(),
      tools: [this.#tool],
      tool_choice: { type: "tool", name: TOOL_NAME },
      messages,
    };
  }

  /** One Message Batch with a request per item, as `analyze` would send it (no repair turn). */
  async submitBatch(items: { id: string; input: AnalysisInput }[]): Promise<string> {
    const batch = await this.#client.messages.batches.create({
      requests: items.map(({ id, input }) => ({
        custom_id: id,
        params: this.#params([
          { role: "user", content: userContent(input, this.options.attachments) },
        ]),
      })),
    });
    return batch.id;
  }

  /**
   * Null while the batch is in progress; once it has ended, each item's analysis (validated as
   * `analyze` does; an invalid one is an error, left for a synchronous call) or its error.
   */
  async batchResults(batchId: string): Promise<Map<string, BatchItemResult> | null> {
    const batch = await this.#client.messages.batches.retrieve(batchId);
    if (batch.processing_status !== "ended") return null;
    const out = new Map<string, BatchItemResult>();
    for await (const item of await this.#client.messages.batches.results(batchId)) {
      const r = item.result;
      if (r.type !== "succeeded") {
        out.set(item.custom_id, {
          error: r.type === "errored" ? `errored: ${r.error.error.message}` : r.type,
        });
        continue;
      }
      const parsed = parseReply(r.message);
      if (!parsed.ok) {
        out.set(item.custom_id, { error: `invalid analysis: ${parsed.error}` });
        continue;
      }
      const tokens: Tokens = { input: 0, output: 0 };
      addUsage(tokens, r.message.usage);
      out.set(item.custom_id, {
        analysis: { ...parsed.value, tags: tagsOf(parsed.value) },
        analyzer: this.name,
        model: r.message.model || this.options.model,
        version: this.version,
        ms: 0,
        tokens,
        batch: true,
      });
    }
    return out;
  }
}

function addUsage(tokens: Tokens, u: Anthropic.Usage): void {
  const cacheRead = u.cache_read_input_tokens ?? 0;
  const cacheWrite = u.cache_creation_input_tokens ?? 0;
  tokens.input += u.input_tokens + cacheWrite + cacheRead;
  tokens.output += u.output_tokens;
  tokens.cacheRead = (tokens.cacheRead ?? 0) + cacheRead;
  tokens.cacheWrite = (tokens.cacheWrite ?? 0) + cacheWrite;
  tokens.calls = (tokens.calls ?? 0) + 1;
}

type Parsed = { ok: true; value: StrictAnalysis } | { ok: false; error: string };

/** The analysis from the reply's tool call, validated; the problems when it is not valid. */
export function parseReply(reply: Anthropic.Message): Parsed {
  const call = reply.content.find((b): b is Anthropic.ToolUseBlock =>
    b.type === "tool_use" && b.name === TOOL_NAME
  );
  if (!call) return { ok: false, error: `no ${TOOL_NAME} tool call in the reply` };
  const result = analysisSchema.safeParse(call.input);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, error: describeIssues(result.error) };
}

function describeIssues(error: z.ZodError): string {
  return error.issues.slice(0, 20).map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`)
    .join("; ");
}

/** The reply's blocks as request params, for the repair turn's history. */
function asParams(content: Anthropic.ContentBlock[]): Anthropic.ContentBlockParam[] {
  const out: Anthropic.ContentBlockParam[] = [];
  for (const b of content) {
    if (b.type === "text") out.push({ type: "text", text: b.text || "(empty)" });
    else if (b.type === "tool_use") {
      out.push({ type: "tool_use", id: b.id, name: b.name, input: b.input });
    }
  }
  return out.length ? out : [{ type: "text", text: "(empty)" }];
}

function repairTurn(reply: Anthropic.Message, error: string): Anthropic.ContentBlockParam[] {
  const call = reply.content.find((b) => b.type === "tool_use");
  const ask = `Your analysis did not validate: ${error}. Call ${TOOL_NAME} again with the ` +
    "corrected, complete input.";
  if (call?.type === "tool_use") {
    return [{ type: "tool_result", tool_use_id: call.id, is_error: true, content: ask }];
  }
  return [{ type: "text", text: ask }];
}

/** Tags for the dashboard's filters: the raised flags. */
function tagsOf(a: StrictAnalysis): string[] {
  return Object.entries(a.flags).filter(([, on]) => on).map(([k]) => k);
}
