import type { AnalysisInput, Analyzer } from "../../lib/analyze/port.ts";
import { LocalAnalyzer } from "../../lib/analyze/local/analyzer.ts";

/**
 * A slow analyzer for tests: every call waits until `open()`, then answers as the local
 * analyzer does. Lets a test hold emails in flight.
 */
export class GatedAnalyzer implements Analyzer {
  readonly name = "gated";
  readonly version = "1";
  #inner = new LocalAnalyzer();
  #gate = Promise.withResolvers<void>();
  /** Calls waiting at the gate now. */
  waiting = 0;

  async analyze(input: AnalysisInput) {
    this.waiting++;
    await this.#gate.promise;
    this.waiting--;
    return await this.#inner.analyze(input);
  }

  open(): void {
    this.#gate.resolve();
  }
}
