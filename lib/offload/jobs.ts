import { parseEmail } from "../mime/parse.ts";
import { analyzeLocally } from "../analyze/local/analyzer.ts";
import type { ParsedEmail } from "../mime/types.ts";
import type { Analysis, AnalysisInput } from "../analyze/port.ts";

/** The pure, CPU-bound work the request thread may hand to a worker: input → output, no I/O. */
export interface OffloadJobs {
  parse: { input: Uint8Array; output: ParsedEmail };
  analyze: { input: AnalysisInput; output: Analysis };
}

export type JobKind = keyof OffloadJobs;

/** Runs one job where it is called (a worker, or the request thread when there is none). */
export async function runJob<K extends JobKind>(
  kind: K,
  input: OffloadJobs[K]["input"],
): Promise<OffloadJobs[K]["output"]> {
  if (kind === "parse") {
    return await parseEmail(input as Uint8Array) as OffloadJobs[K]["output"];
  }
  return analyzeLocally(input as AnalysisInput) as OffloadJobs[K]["output"];
}

/**
 * Buffers to move (not copy) back with a job's output. Attachment bytes may be views into a
 * larger buffer (cloning a view clones its whole buffer), so those are first cut to their own.
 */
export function transferablesOf(kind: JobKind, output: unknown): ArrayBuffer[] {
  if (kind !== "parse") return [];
  const buffers = new Set<ArrayBuffer>();
  for (const a of (output as ParsedEmail).attachments) {
    const whole = a.content.byteOffset === 0 &&
      a.content.byteLength === a.content.buffer.byteLength;
    if (!whole || buffers.has(a.content.buffer as ArrayBuffer)) a.content = a.content.slice();
    buffers.add(a.content.buffer as ArrayBuffer);
  }
  return [...buffers];
}
