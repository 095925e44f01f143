import assert from "node:assert/strict";
import { claudeFor } from "../../test/support/claude.ts";
import { startFakeAnthropic } from "../../test/fakes/anthropic.ts";
import { validAnalysis } from "../../test/support/analysis.ts";
import { TOOL_NAME } from "../analyze/claude/prompt.ts";
import { FallbackAnalyzer } from "../analyze/fallback.ts";
import { LocalAnalyzer } from "../analyze/local/analyzer.ts";
import type { AnalysisInput } from "../analyze/port.ts";
import { MemoryCache } from "../cache/memory.ts";
import { parseConfig } from "../config.ts";
import { createLogger } from "../log.ts";
import { analysisCacheKey, analysisFiles, analyzeCached } from "./analyze.ts";
import { openTempStore } from "../../test/support/store.ts";

const input: AnalysisInput = {
  subject: "Refund overdue",
  body: "I returned the blender three weeks ago and still no refund. Reply to ivan@example.kz.",
  attachmentsText: [],
  from: "Ivan@Example.kz",
  receivedAt: "2026-03-05T10:00:00Z",
};

async function withCtx(
  fn: (
    ctx: Parameters<typeof analyzeCached>[0],
    fake: Awaited<ReturnType<typeof startFakeAnthropic>>,
  ) => Promise<void>,
) {
  const fake = await startFakeAnthropic();
  const claude = claudeFor(fake, { timeoutMs: 2000, maxRetries: 0, maxRetryWaitMs: 0 });
  const temp = await openTempStore();
  const ctx = {
    analyzer: new FallbackAnalyzer(claude, new LocalAnalyzer()),
    cache: new MemoryCache(),
    config: parseConfig({}) as Parameters<typeof analyzeCached>[0]["config"],
    log: createLogger("error"),
    store: temp.store,
    now: () => new Date("2026-03-05T12:00:00Z"),
  };
  try {
    await fn(ctx, fake);
  } finally {
    await fake.stop();
    await temp.close();
  }
}

Deno.test("a cache hit makes no Claude call and says it was cached", () =>
  withCtx(async (ctx, fake) => {
    fake.enqueue({ toolUse: { name: TOOL_NAME, input: validAnalysis } });
    const first = await analyzeCached(ctx, input);
    const again = await analyzeCached(ctx, { ...input, body: `  ${input.body}\n\n` });
    assert.equal(fake.requests.length, 1);
    assert.equal(first.cached, false);
    assert.equal(again.cached, true);
    assert.deepEqual(again.analysis, first.analysis);
    assert.deepEqual(again.tokens, first.tokens);
  }));

Deno.test("a fallback answer is not cached: the next call asks Claude again", () =>
  withCtx(async (ctx, fake) => {
    fake.enqueue({ status: 500 }, { toolUse: { name: TOOL_NAME, input: validAnalysis } });
    const first = await analyzeCached(ctx, input);
    assert.equal(first.analyzer, "local");
    assert.equal(first.fallback?.from, "claude");
    const second = await analyzeCached(ctx, input);
    assert.equal(second.analyzer, "claude");
    assert.equal(second.cached, false);
    assert.equal(fake.requests.length, 2);
  }));

Deno.test("a local analysis comes back complete: flags, team and e-mail addresses", () =>
  withCtx(async (ctx, fake) => {
    fake.enqueue({ status: 400 });
    const { analysis } = await analyzeCached(ctx, input);
    assert.equal(analysis.entities.emails.includes("ivan@example.kz"), true);
    assert.equal(typeof analysis.flags.compensation, "boolean");
    assert.equal(analysis.suggestedTeam, "returns");
  }));

Deno.test("the cache key changes with the analyzer version and with attached files", async () => {
  const a = { analyzer: { name: "claude", version: "claude-1:m1" } };
  const b = { analyzer: { name: "claude", version: "claude-1:m2" } };
  const plain = await analysisCacheKey(a as never, input);
  assert.notEqual(plain, await analysisCacheKey(b as never, input));
  const withFile = await analysisCacheKey(a as never, {
    ...input,
    files: [{ filename: "p.png", contentType: "image/png", data: new Uint8Array(3), sha256: "ab" }],
  });
  assert.notEqual(plain, withFile);
  assert.match(plain, /^analysis:claude:claude-1:m1:[0-9a-f]{64}$/);
});

Deno.test("analysisFiles keeps images and PDFs by sniffed type, attached before inline, with hashes", () => {
  const part = (filename: string, contentType: string, inline = false) => ({
    filename,
    contentType,
    content: new Uint8Array([1]),
    disposition: inline ? "inline" as const : "attachment" as const,
    related: inline,
  });
  const parts = [
    part("logo.png", "image/png", true),
    part("notes.txt", "text/plain"),
    part("receipt.pdf", "application/pdf"),
    part("photo.jpg", "image/jpeg"),
    part("scan.bin", "application/octet-stream"),
  ];
  const stored = parts.map((_p, i) => ({
    sha256: `h${i}`,
    detectedType: i === 4 ? "image/png" : undefined,
  })) as never;
  const files = analysisFiles(parts, stored);
  assert.deepEqual(files.map((f) => [f.filename, f.sha256]), [
    ["receipt.pdf", "h2"],
    ["photo.jpg", "h3"],
    ["scan.bin", "h4"],
    ["logo.png", "h0"],
  ]);
});

Deno.test("a Claude call's tokens (cache reads and writes apart) go to the day's ledger once; a cache hit adds nothing", () =>
  withCtx(async (ctx, fake) => {
    fake.enqueue({
      toolUse: { name: TOOL_NAME, input: validAnalysis },
      usage: {
        input_tokens: 300,
        output_tokens: 120,
        cache_read_input_tokens: 2000,
        cache_creation_input_tokens: 0,
      },
    });
    const first = await analyzeCached(ctx, input);
    assert.deepEqual(first.tokens, {
      input: 2300,
      output: 120,
      cacheRead: 2000,
      cacheWrite: 0,
      calls: 1,
    });
    await analyzeCached(ctx, input); // the cache answers
    const [day] = await ctx.store.listUsage("2026-03-05");
    assert.equal(day.day, "2026-03-05");
    assert.equal(day.model, "claude-haiku-5-5", "the model the reply names");
    assert.deepEqual(
      [day.calls, day.input, day.output, day.cacheRead, day.cacheWrite],
      [1, 2300, 120, 2000, 0],
    );
  }));
