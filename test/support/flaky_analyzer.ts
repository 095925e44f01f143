import type { Analysis, AnalysisInput, Analyzer } from "../../lib/analyze/port.ts";
import { LocalAnalyzer } from "../../lib/analyze/local/analyzer.ts";

/**
 * An analyzer outage for tests: the port fails its first `failures` calls (like Claude being
 * down), then answers as the local analyzer does, with `answer`'s fields over its analysis when
 * given (a test that needs the model to call a priority, whatever the local rules say).
 */
export class FlakyAnalyzer implements Analyzer {
  readonly name = "flaky";
  readonly version = "1";
  #inner = new LocalAnalyzer();
  constructor(public failures: number, private readonly answer: Partial<Analysis> = {}) {}
  async analyze(input: AnalysisInput) {
    if (this.failures-- > 0) throw new Error("analyzer outage");
    const result = await this.#inner.analyze(input);
    return { ...result, analysis: { ...result.analysis, ...this.answer } };
  }
}
