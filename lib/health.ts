import type { AppContext } from "./ports.ts";

/** One dependency's answer to the readiness probe. */
export interface Check {
  ok: boolean;
  ms: number;
  error?: string;
}

/** Whether the product can serve now: each storage dependency answered a real read in time. */
export interface Readiness {
  ok: boolean;
  store: Check;
  blobs: Check;
}

/** How long a dependency may take before the probe counts it as down. */
const PROBE_TIMEOUT_MS = 3_000;

/**
 * Touch the store and the blob store with a cheap read each (a complaint and a blob that do not
 * exist), at once and each within a time limit. A load balancer or orchestrator sends traffic
 * only while this says ok; liveness (`/health`) stays independent of the dependencies.
 */
export async function readiness(
  ctx: Pick<AppContext, "store" | "blobs">,
  timeoutMs = PROBE_TIMEOUT_MS,
): Promise<Readiness> {
  const [store, blobs] = await Promise.all([
    probe(() => ctx.store.getComplaint("readiness-probe"), timeoutMs),
    probe(() => ctx.blobs.get("ready/probe"), timeoutMs),
  ]);
  return { ok: store.ok && blobs.ok, store, blobs };
}

async function probe(read: () => Promise<unknown>, timeoutMs: number): Promise<Check> {
  const started = performance.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([
      read(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer in ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return { ok: true, ms: Math.round(performance.now() - started) };
  } catch (err) {
    return {
      ok: false,
      ms: Math.round(performance.now() - started),
      error: err instanceof Error ? err.name : "error",
    };
  } finally {
    clearTimeout(timer);
  }
}
