import type { AnalysisInput, Analyzer } from "../../lib/analyze/port.ts";
import { LocalAnalyzer } from "../../lib/analyze/local/analyzer.ts";

/**
 * An analyzer outage for tests: the port fails its first `failures` calls (like Claude being
 * down), then answers as the local analyzer does.
 */
export class FlakyAnalyzer implements Analyzer {
  readonly name = "flaky";
  readonly version = "1";
  #inner = new LocalAnalyzer();
  constructor(public failures: number) {}
  analyze(input: AnalysisInput) {
    if (this.failures-- > 0) return Promise.reject(new Error("analyzer outage"));
    return this.#inner.analyze(input);
  }
}
