import { type JobKind, type OffloadJobs, runJob } from "./jobs.ts";

export interface OffloadPoolOptions {
  /** Worker threads; 0 runs every job on the calling thread. */
  size: number;
  /** A job running longer is taken as stuck: its worker is stopped and the job fails. */
  timeoutMs: number;
  /** The worker's module (tests give one that misbehaves on purpose). */
  workerUrl?: URL;
}

const WORKER = new URL("./worker.ts", import.meta.url);

/** Mails from this size on are parsed on the calling thread. */
export const INLINE_FROM_BYTES = 256 * 1024;

interface Pending {
  id: number;
  kind: JobKind;
  input: unknown;
  resolve(output: unknown): void;
  reject(err: Error): void;
}

interface Slot {
  worker: Worker;
  /** Jobs sent to this worker and not answered yet, oldest first. */
  jobs: Pending[];
  timer: ReturnType<typeof setTimeout> | null;
  /** The worker loaded its modules: from then on its oldest job is timed. */
  ready: boolean;
}

/**
 * Runs the pure, CPU-bound stages (MIME parse, local analysis) on worker threads, so the request
 * thread keeps answering and doing I/O meanwhile and a second core works on the next mail.
 * Workers start with the first job and live until `close()`; a stuck or crashed worker fails its
 * running job only, and the jobs queued behind it move to a new one.
 */
export class OffloadPool {
  #slots: Slot[] = [];
  #nextId = 1;
  #closed = false;

  constructor(private readonly options: OffloadPoolOptions) {}

  /** Worker threads alive now (tests). */
  get workers(): number {
    return this.#slots.length;
  }

  /** Parse a raw message (never throws for bad input: see `parseEmail`). */
  parse(raw: Uint8Array): Promise<OffloadJobs["parse"]["output"]> {
    // A large mail is parsed here: the pipeline frees its buffers with a full collection once it
    // is done, which a worker's heap would not get (1,000 × 1.9 MB mails peaked at 408 MB of RSS
    // parsed on a worker, 236 MB here). Large mails are few; the gain is in the many small ones.
    if (!this.parsesAside(raw)) return runJob("parse", raw);
    return this.run("parse", raw);
  }

  /** Whether `parse(raw)` runs on a worker, beside the calling thread, rather than on it. */
  parsesAside(raw: Uint8Array): boolean {
    return this.options.size > 0 && raw.length < INLINE_FROM_BYTES;
  }

  /** The local analyzer's reading of an input. */
  analyze(input: OffloadJobs["analyze"]["input"]): Promise<OffloadJobs["analyze"]["output"]> {
    // The local analyzer reads text only: the files' bytes (for Claude) need not be copied over.
    const { files: _files, ...text } = input;
    return this.run("analyze", text);
  }

  /** Run one job on the least busy worker (or here, with no workers). */
  run<K extends JobKind>(
    kind: K,
    input: OffloadJobs[K]["input"],
  ): Promise<OffloadJobs[K]["output"]> {
    if (this.#closed) return Promise.reject(new Error("the offload pool is closed"));
    if (this.options.size === 0) return runJob(kind, input);
    return new Promise((resolve, reject) => {
      const job: Pending = {
        id: this.#nextId++,
        kind,
        input,
        resolve: resolve as (output: unknown) => void,
        reject,
      };
      this.#send(this.#pick(), job);
    });
  }

  /** Stop every worker; jobs not finished fail. */
  close(): Promise<void> {
    this.#closed = true;
    for (const slot of this.#slots.splice(0)) {
      this.#stop(slot);
      for (const job of slot.jobs) job.reject(new Error("the offload pool is closed"));
    }
    return Promise.resolve();
  }

  #pick(): Slot {
    const idle = this.#slots.reduce<Slot | null>(
      (best, s) => (!best || s.jobs.length < best.jobs.length ? s : best),
      null,
    );
    if (idle && (idle.jobs.length === 0 || this.#slots.length >= this.options.size)) return idle;
    return this.#spawn();
  }

  #spawn(): Slot {
    const worker = new Worker(this.options.workerUrl ?? WORKER, { type: "module" });
    const slot: Slot = { worker, jobs: [], timer: null, ready: false };
    worker.onmessage = (
      event: MessageEvent<{ id: number; output?: unknown; error?: string; ready?: true }>,
    ) => {
      if (event.data.ready) {
        slot.ready = true;
        return this.#arm(slot);
      }
      // Jobs that await (parsing) can finish after later ones: match the answer by its id.
      const at = slot.jobs.findIndex((j) => j.id === event.data.id);
      if (at < 0) return;
      const [job] = slot.jobs.splice(at, 1);
      if (at === 0) this.#arm(slot);
      if (event.data.error !== undefined) job.reject(new Error(event.data.error));
      else job.resolve(event.data.output);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      this.#fail(slot, new Error(`offload worker crashed: ${event.message}`));
    };
    this.#slots.push(slot);
    return slot;
  }

  #send(slot: Slot, job: Pending): void {
    slot.jobs.push(job);
    slot.worker.postMessage({ id: job.id, kind: job.kind, input: job.input });
    if (slot.jobs.length === 1) this.#arm(slot);
  }

  /**
   * Time the oldest unanswered job of the worker, once the worker is up: loading its modules
   * takes seconds on a busy machine, and a job must not be failed (nor its worker replaced by
   * another that loads as slowly) for time it never ran.
   */
  #arm(slot: Slot): void {
    if (slot.timer !== null) clearTimeout(slot.timer);
    slot.timer = null;
    if (slot.jobs.length === 0 || !slot.ready) return;
    slot.timer = setTimeout(() => {
      const kind = slot.jobs[0]?.kind;
      this.#fail(slot, new Error(`${kind} did not finish in ${this.options.timeoutMs} ms`));
    }, this.options.timeoutMs);
  }

  /** The oldest job fails; the worker goes; the jobs queued behind it move to another. */
  #fail(slot: Slot, error: Error): void {
    this.#stop(slot);
    this.#slots = this.#slots.filter((s) => s !== slot);
    const [running, ...queued] = slot.jobs;
    slot.jobs = [];
    running?.reject(error);
    for (const job of queued) {
      if (this.#closed) job.reject(new Error("the offload pool is closed"));
      else this.#send(this.#pick(), job);
    }
  }

  #stop(slot: Slot): void {
    if (slot.timer !== null) clearTimeout(slot.timer);
    slot.timer = null;
    slot.worker.terminate();
  }
}
