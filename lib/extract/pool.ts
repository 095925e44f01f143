import type { ExtractResult } from "./dispatch.ts";
import { prepareOcrData } from "./ocr_data.ts";
import type { ExtractJob, OcrData } from "./types.ts";

export interface PoolOptions {
  /** Workers at most; they start on demand. */
  size: number;
  /** A job running longer is failed and its worker terminated and replaced. */
  timeoutMs: number;
  /** Debian's Russian traineddata (used when present). */
  rusTraineddata: string;
  /** The worker module (tests swap in one that misbehaves). */
  workerUrl?: URL;
  /**
   * A worker idle this long is terminated, giving back its isolate and parsers' memory (tens of
   * MB each) after a burst; the next job starts a new one. Default 30 s.
   */
  idleMs?: number;
  /**
   * Run jobs in this isolate, one at a time, instead of in Web Workers: for runtimes without
   * them (Supabase Edge Functions). The same limits apply; a job over the time limit is
   * answered `failed` (it cannot be stopped, so later jobs wait behind it).
   */
  inline?: boolean;
}

/** A result with how long the job took, queueing excluded. */
export type TimedResult = ExtractResult & { ms: number };

interface Pending {
  job: Omit<ExtractJob, "ocr">;
  resolve: (r: TimedResult) => void;
}

interface Slot {
  worker: Worker;
  ready: Promise<void>;
  busy: Pending | null;
  timer?: ReturnType<typeof setTimeout>;
  idle?: ReturnType<typeof setTimeout>;
  started: number;
}

/**
 * Runs extraction jobs in Deno Web Workers so that parsers of untrusted files (and mammoth's
 * `__proto__` patch) never run in the main process. A job that times out or crashes its
 * worker becomes a `failed` result and the worker is replaced; `run` never rejects.
 */
export class ExtractPool {
  #slots = new Set<Slot>();
  #queue: Pending[] = [];
  #nextId = 1;
  #closed = false;
  #ocr: Promise<OcrData & { dir?: string }> | null = null;

  constructor(private readonly options: PoolOptions) {}

  /** Workers alive now (for tests and the benchmark). */
  get workers(): number {
    return this.#slots.size;
  }

  /** Extracts one file. Resolves with `failed` on timeout, crash or after close(). */
  run(job: Omit<ExtractJob, "ocr">): Promise<TimedResult> {
    if (this.#closed) return Promise.resolve(failed("the extraction pool is closed", 0));
    if (this.options.inline) return this.#inline(job);
    return new Promise((resolve) => {
      this.#queue.push({ job, resolve });
      this.#pump();
    });
  }

  /** Terminates every worker, fails queued jobs and removes the OCR data folder. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const slot of this.#slots) this.#finish(slot, failed("the extraction pool is closed", 0));
    for (const p of this.#queue.splice(0)) p.resolve(failed("the extraction pool is closed", 0));
    const ocr = this.#ocr;
    this.#ocr = null;
    const dir = ocr ? (await ocr.catch(() => null))?.dir : undefined;
    if (dir) await Deno.remove(dir, { recursive: true }).catch(() => {});
  }

  #pump(): void {
    while (this.#queue.length > 0 && !this.#closed) {
      let slot = [...this.#slots].find((s) => !s.busy);
      if (!slot && this.#slots.size < this.options.size) slot = this.#spawn();
      if (!slot) return;
      this.#start(slot, this.#queue.shift()!);
    }
  }

  #spawn(): Slot {
    const worker = new Worker(this.options.workerUrl ?? new URL("./worker.ts", import.meta.url), {
      type: "module",
    });
    let ready = () => {};
    const slot: Slot = { worker, busy: null, started: 0, ready: new Promise((r) => ready = r) };
    worker.onmessage = (
      e: MessageEvent<{ id: number; result: ExtractResult } | { ready: true }>,
    ) => {
      if ("ready" in e.data) return ready();
      if (!slot.busy) return;
      clearTimeout(slot.timer);
      const pending = slot.busy;
      slot.busy = null;
      pending.resolve({ ...e.data.result, ms: Math.round(performance.now() - slot.started) });
      this.#pump();
      if (!slot.busy) this.#idle(slot);
    };
    worker.onerror = (e) => {
      e.preventDefault();
      this.#finish(slot, failed(`extraction worker crashed: ${e.message}`, slot.started));
      this.#pump();
    };
    this.#slots.add(slot);
    return slot;
  }

  #idle(slot: Slot): void {
    clearTimeout(slot.idle);
    slot.idle = setTimeout(() => {
      if (slot.busy || !this.#slots.has(slot)) return;
      slot.worker.terminate();
      this.#slots.delete(slot);
    }, this.options.idleMs ?? 30_000);
    Deno.unrefTimer(slot.idle);
  }

  #start(slot: Slot, pending: Pending): void {
    clearTimeout(slot.idle);
    slot.busy = pending;
    slot.started = performance.now();
    Promise.all([this.#ocrData(), slot.ready]).then(([ocr]) => {
      if (slot.busy !== pending) return;
      slot.started = performance.now();
      slot.worker.postMessage({ id: this.#nextId++, job: { ...pending.job, ocr } });
      slot.timer = setTimeout(() => {
        this.#finish(slot, failed(`timed out after ${this.options.timeoutMs} ms`, slot.started));
        this.#pump();
      }, this.options.timeoutMs);
    }, (err) => {
      this.#finish(slot, failed(`OCR data unavailable: ${err}`, slot.started));
      this.#pump();
    });
  }

  /** Ends a slot's job with `result` and throws the worker away (its state is suspect). */
  #finish(slot: Slot, result: TimedResult): void {
    clearTimeout(slot.timer);
    clearTimeout(slot.idle);
    slot.worker.terminate();
    this.#slots.delete(slot);
    const pending = slot.busy;
    slot.busy = null;
    pending?.resolve(result);
  }

  #inlineQueue: Promise<unknown> = Promise.resolve();

  #inline(job: Omit<ExtractJob, "ocr">): Promise<TimedResult> {
    const turn = this.#inlineQueue.then(async () => {
      let started = 0;
      try {
        const ocr = await this.#ocrData();
        started = performance.now();
        // Loaded only here, so the worker build never pulls the parsers into the main isolate.
        const { runJob } = await import("./dispatch.ts");
        let timer: ReturnType<typeof setTimeout> | undefined;
        const result = await Promise.race([
          runJob({ ...job, ocr }),
          new Promise<ExtractResult>((resolve) =>
            timer = setTimeout(
              () => resolve(failed(`timed out after ${this.options.timeoutMs} ms`, started)),
              this.options.timeoutMs,
            )
          ),
        ]).finally(() => clearTimeout(timer));
        return { ...result, ms: Math.round(performance.now() - started) };
      } catch (err) {
        return failed(`extraction failed: ${err}`, started);
      }
    });
    this.#inlineQueue = turn;
    return turn;
  }

  #ocrData(): Promise<OcrData & { dir?: string }> {
    this.#ocr ??= prepareOcrData(this.options.rusTraineddata);
    return this.#ocr;
  }
}

function failed(reason: string, started: number): TimedResult {
  return {
    status: "failed",
    text: "",
    reason,
    ms: started ? Math.round(performance.now() - started) : 0,
  };
}
