/// <reference lib="deno.worker" />
/**
 * A worker thread of the offload pool: runs jobs one at a time and answers `{ id, output }` or
 * `{ id, error }`.
 */
import { type JobKind, runJob, transferablesOf } from "./jobs.ts";

self.onmessage = async (event: MessageEvent<{ id: number; kind: JobKind; input: never }>) => {
  const { id, kind, input } = event.data;
  try {
    const output = await runJob(kind, input);
    self.postMessage({ id, output }, transferablesOf(kind, output));
  } catch (err) {
    self.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
};

// Loaded: the pool starts timing jobs from here.
self.postMessage({ ready: true });
