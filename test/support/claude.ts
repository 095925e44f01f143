import { ClaudeAnalyzer, type ClaudeOptions } from "../../lib/analyze/claude/analyzer.ts";
import type { FakeAnthropic } from "../fakes/anthropic.ts";

/** The real Claude analyzer (real SDK) pointed at a fake Messages API; `options` override. */
export function claudeFor(
  fake: FakeAnthropic,
  options: Partial<ClaudeOptions> = {},
): ClaudeAnalyzer {
  return new ClaudeAnalyzer({
    apiKey: fake.apiKey,
    baseURL: fake.url,
    model: "claude-haiku-5-5",
    timeoutMs: 5000,
    maxRetries: 2,
    maxRetryWaitMs: 2000,
    attachments: "text",
    ...options,
  });
}
