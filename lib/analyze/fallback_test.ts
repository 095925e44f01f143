import assert from "node:assert/strict";
import { claudeFor } from "../../test/support/claude.ts";
import { type FakeReply, startFakeAnthropic } from "../../test/fakes/anthropic.ts";
import { validAnalysis } from "../../test/support/analysis.ts";
import { TOOL_NAME } from "./claude/prompt.ts";
import { FallbackAnalyzer } from "./fallback.ts";
import { analyzeLocally, LocalAnalyzer } from "./local/analyzer.ts";
import type { AnalysisInput } from "./port.ts";

const input: AnalysisInput = {
  subject: "Parcel lost",
  body: "My parcel with order ORD-55555 never arrived, tracking stuck for two weeks.",
  attachmentsText: [],
  from: "a@example.test",
  receivedAt: "2026-03-05T10:00:00Z",
};

async function withClaude(
  fn: (fallback: FallbackAnalyzer, enqueue: (...r: FakeReply[]) => void) => Promise<void>,
) {
  const fake = await startFakeAnthropic();
  const claude = claudeFor(fake, { timeoutMs: 2000, maxRetries: 0, maxRetryWaitMs: 0 });
  try {
    await fn(new FallbackAnalyzer(claude, new LocalAnalyzer()), fake.enqueue);
  } finally {
    await fake.stop();
  }
}

Deno.test("FallbackAnalyzer carries the primary's identity and passes its answer through", () =>
  withClaude(async (analyzer, enqueue) => {
    assert.equal(analyzer.name, "claude");
    assert.equal(analyzer.version, "claude-1:claude-haiku-5-5");
    enqueue({ toolUse: { name: TOOL_NAME, input: validAnalysis } });
    const result = await analyzer.analyze(input);
    assert.equal(result.analyzer, "claude");
    assert.equal(result.fallback, undefined);
  }));

Deno.test("FallbackAnalyzer answers with the local analysis and the reason when Claude refuses", () =>
  withClaude(async (analyzer, enqueue) => {
    enqueue({ status: 400, message: "prompt is too long" });
    const result = await analyzer.analyze(input);
    assert.equal(result.analyzer, "local");
    assert.deepEqual(result.analysis, analyzeLocally(input));
    assert.equal(result.fallback?.from, "claude");
    assert.match(result.fallback!.reason, /400.*prompt is too long/);
    assert.equal(result.tokens, undefined);
  }));
