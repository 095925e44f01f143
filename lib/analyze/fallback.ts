import type { Logger } from "../log.ts";
import type { AnalysisInput, AnalysisResult, Analyzer } from "./port.ts";

/**
 * The primary analyzer (Claude), answered by the fallback (local) whenever it fails: API errors,
 * timeouts, retries exhausted, or a reply that stays invalid after repair. The result records the
 * fallback and why, so the complaint shows it.
 */
export class FallbackAnalyzer implements Analyzer {
  readonly name: string;
  readonly version: string;
  readonly remote?: boolean;

  constructor(
    private readonly primary: Analyzer,
    private readonly fallback: Analyzer,
    private readonly log?: Logger,
  ) {
    this.name = primary.name;
    this.version = primary.version;
    this.remote = primary.remote;
  }

  async analyze(input: AnalysisInput): Promise<AnalysisResult> {
    const started = performance.now();
    try {
      return await this.primary.analyze(input);
    } catch (err) {
      const reason = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      this.log?.warn("analyzer_fallback", { from: this.primary.name, reason });
      const result = await this.fallback.analyze(input);
      const tokens = (err as { tokens?: AnalysisResult["tokens"] }).tokens;
      return {
        ...result,
        // The time an agent waited includes the failed attempt.
        ms: Math.round(performance.now() - started),
        ...(tokens && tokens.input + tokens.output > 0 ? { tokens } : {}),
        fallback: { from: this.primary.name, reason: reason.slice(0, 500) },
      };
    }
  }
}
