import type { AppContext } from "../ports.ts";
import { newId, sha256Hex } from "../crypto.ts";
import { InvalidError } from "../errors.ts";
import { checkRawEmail, scanHeaders } from "../mime/validate.ts";
import type { Complaint, ProcessedEmail } from "../schema/complaint.ts";
import type { ParsedEmail } from "../mime/types.ts";
import { processClaim, type ProcessOutcome } from "./process.ts";
import { KeyedMutex } from "../keyed_mutex.ts";
import { Limiter } from "../limiter.ts";
import { ByteBudget } from "../byte_budget.ts";
import { ingestKey, type IngestSource, rawBlobKey, reusedMessageIdKey } from "./keys.ts";
import { messageFingerprint } from "./message_fingerprint.ts";
import type { ProcessedLabel } from "../metrics.ts";

export type IngestResult =
  /** A new complaint was made from this message (201); it may be a duplicate of another. */
  | { kind: "created"; complaint: Complaint }
  /** The message is a reply and joined this complaint's thread (200). */
  | { kind: "threaded"; complaint: Complaint }
  /** Machine-sent mail (auto-reply, bulk, bounce): no complaint (200). */
  | { kind: "ignored"; reason: string }
  /** The message was seen before: its complaint (200). `complaint` is null while it is still being processed elsewhere. */
  | { kind: "existing"; id: string; complaint: Complaint | null }
  /** Stored and claimed; processing continues in the background (202). */
  | { kind: "accepted"; id: string; key: string };

export interface IngestOptions {
  /** Answer once the raw is stored and finish in the background. */
  async?: boolean;
  /** Where the message came from, kept in its processed-email key. */
  source?: IngestSource;
}

/**
 * The receive stage and the run of every later stage, once per message. One per process: it
 * tracks in-flight work so concurrent posts of the same message share one result.
 */
export class Pipeline {
  #inflight = new Map<string, Promise<ProcessOutcome>>();
  #locks = new KeyedMutex();
  /** Per-complaint locks: replies written beside the pipeline's thread joins take the same. */
  get locks(): KeyedMutex {
    return this.#locks;
  }
  /** This instance, as the owner of the leases its retry runs take. */
  #owner = crypto.randomUUID();
  // Bounds CPU however many posts arrive at once; raws are already stored.
  #limiter: Limiter;
  // Bounds the memory large emails hold in processing; taken before a `#limiter` slot, so large
  // emails waiting for each other keep no slot from small ones.
  #large: Limiter;
  /** Mails parsed ahead of their processing slot now (see `#parseEarly`). */
  #early = 0;
  /**
   * Raw bytes ingest holds in memory: request bodies (the ingest function reserves them before
   * reading) and raws kept for queued background work (past the budget, work re-reads its raw
   * from the blob store instead).
   */
  readonly memory: ByteBudget;

  constructor(private readonly ctx: AppContext) {
    this.#limiter = new Limiter(ctx.config.PROCESS_CONCURRENCY);
    this.#large = new Limiter(ctx.config.PROCESS_LARGE_CONCURRENCY);
    this.memory = new ByteBudget(ctx.config.INGEST_MAX_INFLIGHT_BYTES);
  }

  /** Messages being processed or waiting for a processing slot. */
  get pending(): number {
    return this.#inflight.size;
  }

  /** Store the raw bytes durably, claim the message, then process it (or schedule that). */
  async ingest(raw: Uint8Array, options: IngestOptions = {}): Promise<IngestResult> {
    try {
      const result = await this.#ingest(raw, options);
      this.ctx.metrics.ingest(result.kind);
      return result;
    } catch (err) {
      this.ctx.metrics.ingest(err instanceof InvalidError ? "rejected" : "error");
      throw err;
    }
  }

  async #ingest(raw: Uint8Array, options: IngestOptions): Promise<IngestResult> {
    const check = checkRawEmail(raw);
    if (!check.ok) throw new InvalidError(check.reason, { code: "not_an_email" });
    const sha256 = await sha256Hex(raw);
    const rawKey = rawBlobKey(sha256);
    // A caller that waits for the outcome has its mail parsed while the raw is written: the
    // write waits on the disk, the parse on the worker, and neither needs the other.
    const parsing = options.async ? undefined : this.#parseEarly(raw);
    try {
      await this.ctx.metrics.time(
        "store_raw",
        () => this.ctx.blobs.put(rawKey, raw, "message/rfc822"),
      );
      return await this.#claimAndRun(raw, sha256, rawKey, options, parsing?.parsed);
    } finally {
      parsing?.done();
    }
  }

  /**
   * Parse `raw` now, ahead of its processing slot, where that runs on a worker (a large mail is
   * parsed on this thread, and processing bounds those) and fewer than PROCESS_CONCURRENCY early
   * parses are held: each holds its output until its mail is processed.
   */
  #parseEarly(raw: Uint8Array): { parsed: Promise<ParsedEmail>; done: () => void } | undefined {
    if (!this.ctx.offload.parsesAside(raw)) return undefined;
    if (this.#early >= this.ctx.config.PROCESS_CONCURRENCY) return undefined;
    this.#early++;
    const parsed = this.ctx.offload.parse(raw);
    parsed.catch(() => {}); // a failure surfaces where processing awaits it; unclaimed, it is moot
    return { parsed, done: () => this.#early-- };
  }

  async #claimAndRun(
    raw: Uint8Array,
    sha256: string,
    rawKey: string,
    options: IngestOptions,
    parsed: Promise<ParsedEmail> | undefined,
  ): Promise<IngestResult> {
    const head = scanHeaders(raw);
    const messageId = head.messageId?.trim() || undefined;
    const claim = (key: string, messageIdReuseOf?: string) => {
      const now = this.ctx.now().toISOString();
      return this.ctx.store.claimEmail({
        key,
        messageId,
        sha256,
        rawKey,
        size: raw.length,
        from: (head.from ?? "").toLowerCase(),
        subject: head.subject ?? "",
        complaintId: newId(this.ctx.now().getTime()),
        outcome: "received",
        receivedAt: now,
        updatedAt: now,
        ...(messageIdReuseOf ? { messageIdReuseOf } : {}),
      });
    };
    let { record, created } = await claim(ingestKey(options.source ?? "email", messageId, sha256));
    if (!created && record.sha256 !== sha256 && await this.#isAnotherMessage(record, raw)) {
      // Broken mailers reuse Message-IDs: a different message must not vanish into the first
      // one's complaint. It is claimed under a key of its own content, so its resends find it.
      const first = record;
      ({ record, created } = await claim(
        reusedMessageIdKey(first.key, messageFingerprint(raw)),
        first.key,
      ));
      if (created) {
        this.ctx.log.warn("message_id_reused", { messageId, first: first.key, key: record.key });
      }
    }
    if (!created) {
      const existing = await this.#existing(record);
      await this.ctx.store.flush(); // its first post may not have answered (and synced) yet
      return existing;
    }
    if (options.async) {
      // The caller lets go of its bytes once answered: keep them only while they fit.
      const release = this.memory.tryReserve(raw.length);
      const work = this.#run(record, release ? raw : undefined, { later: true });
      work.catch(() => {}).finally(() => release?.()); // failures: recorded, retried by the job
      await this.ctx.store.flush(); // the claim, so a crash cannot forget an accepted email
      return { kind: "accepted", id: record.complaintId!, key: record.key };
    }
    const outcome = await this.#run(record, raw, { parsed });
    await this.ctx.store.flush(); // what the answer reports is on disk before it is sent
    return toResult(outcome);
  }

  /** Reprocess complaints whose processing failed and claims a crash left behind. */
  async retryDue(limit = 20): Promise<number> {
    const now = this.ctx.now();
    let count = 0;
    for (const complaint of await this.ctx.store.listRetryable(now.toISOString(), limit)) {
      const claim = await this.#claimOf(complaint);
      if (!claim || this.#inflight.has(claim.key)) continue;
      const ran = await this.#leased(claim, async () => {
        // Re-read under the lease: another instance may have retried it since the listing.
        const current = await this.ctx.store.getComplaint(complaint.id);
        if (!current || !isDue(current, now)) return false;
        await this.#run(claim);
      });
      if (ran) count++;
    }
    const stale = new Date(now.getTime() - this.ctx.config.RETRY_STUCK_AFTER_SECONDS * 1000)
      .toISOString();
    for (const claim of await this.ctx.store.listStuckEmails(stale, limit)) {
      if (this.#inflight.has(claim.key)) continue;
      const ran = await this.#leased(claim, async () => {
        // Re-read under the lease: another instance may have finished it meanwhile.
        const current = await this.ctx.store.getProcessedEmail(claim.key);
        if (current?.outcome !== "received") return false;
        // Counted before the run, so a message that stops the process every time is given up.
        const attempts = (current.attempts ?? 1) + 1;
        await this.ctx.store.updateProcessedEmail(claim.key, { attempts });
        await this.#run({ ...current, attempts });
      });
      if (ran) count++;
    }
    return count;
  }

  /**
   * Run retry work on one claim under its lease in the store, so instances sharing the store
   * never retry the same email at once. False when another holds it or `work` found nothing
   * left to do (it returns false).
   */
  async #leased(claim: ProcessedEmail, work: () => Promise<unknown>): Promise<boolean> {
    const key = `retry:${claim.key}`;
    const ttl = this.ctx.config.RETRY_STUCK_AFTER_SECONDS * 1000;
    if (!await this.ctx.store.tryLease(key, this.#owner, ttl)) return false;
    try {
      return await work() !== false;
    } catch {
      return true; // recorded on the complaint by processing; the next run retries
    } finally {
      await this.ctx.store.releaseLease(key, this.#owner).catch(() => {});
    }
  }

  /**
   * Process a complaint again now, whatever its back-off: an agent's Reprocess of one that failed
   * or was given up. Resolves with the complaint as it is afterwards.
   */
  async reprocess(complaint: Complaint): Promise<Complaint> {
    const claim = await this.#claimOf(complaint);
    if (!claim) throw new Error(`complaint ${complaint.id} has no processed-email record`);
    await this.#run(claim);
    return (await this.ctx.store.getComplaint(complaint.id))!;
  }

  /**
   * Process a claimed message as a complaint of its own, never as a reply (an agent split it out
   * of a thread). Resolves with the complaint.
   */
  async processAlone(claim: ProcessedEmail): Promise<Complaint> {
    const outcome = await this.#run(claim, undefined, { standalone: true });
    if (outcome.kind === "ignored") throw new Error(`the message was ignored: ${outcome.reason}`);
    return (await this.ctx.store.getComplaint(outcome.complaint.id))!;
  }

  /** Wait for background work to finish (shutdown, tests). */
  async drain(): Promise<void> {
    while (this.#inflight.size > 0) {
      await Promise.allSettled([...this.#inflight.values()]);
    }
  }

  #run(
    claim: ProcessedEmail,
    raw?: Uint8Array,
    options: { later?: boolean; standalone?: boolean; parsed?: Promise<ParsedEmail> } = {},
  ): Promise<ProcessOutcome> {
    const running = this.#inflight.get(claim.key);
    if (running) return running;
    const large = claim.size >= LARGE_EMAIL_BYTES;
    const slot = <T>(task: () => Promise<T>) =>
      large ? this.#large.run(() => this.#limiter.run(task)) : this.#limiter.run(task);
    // A wait on Claude holds neither slot; after it, the large slot is taken back first, as
    // before the wait.
    const outside = <T>(wait: () => Promise<T>) =>
      this.#limiter.outside(() => large ? this.#large.outside(wait) : wait());
    const work = slot(async () => {
      // Background work starts on a later turn of the event loop: processing a text mail on the
      // embedded adapters never waits on I/O, so started at once it would hold back the 202
      // (and every other request) until the whole queue is done.
      if (options.later) await new Promise((resolve) => setTimeout(resolve, 0));
      const outcome = await this.ctx.metrics.time("process", () =>
        processClaim(this.ctx, claim, {
          raw,
          locks: this.#locks,
          waitOutside: outside,
          standalone: options.standalone,
          parsed: options.parsed,
        }));
      this.ctx.metrics.processed(processedLabel(outcome));
      return outcome;
    })
      .catch((err) => {
        this.ctx.log.error("pipeline_error", { key: claim.key, error: String(err) });
        throw err;
      }).finally(() => {
        this.#inflight.delete(claim.key);
        if (large) collectGarbage();
      });
    this.#inflight.set(claim.key, work);
    // Answered before it is done: an edge runtime must not stop the isolate under it.
    if (options.later) this.ctx.keepAlive?.(work.catch(() => {}));
    return work;
  }

  async #existing(record: ProcessedEmail): Promise<IngestResult> {
    const running = this.#inflight.get(record.key);
    if (running) await running.catch(() => {});
    const current = await this.ctx.store.getProcessedEmail(record.key) ?? record;
    if (current.outcome === "ignored") return { kind: "ignored", reason: current.reason ?? "" };
    const id = current.complaintId!;
    const complaint = await this.ctx.store.getComplaint(id);
    if (current.outcome === "threaded" && complaint) return { kind: "threaded", complaint };
    return { kind: "existing", id, complaint };
  }

  /**
   * Whether `raw`, claimed under the same Message-ID as `first` but with other bytes, is another
   * message rather than a resend through another relay (which changes only trace headers).
   */
  async #isAnotherMessage(first: ProcessedEmail, raw: Uint8Array): Promise<boolean> {
    const firstRaw = await this.ctx.blobs.get(first.rawKey);
    if (!firstRaw) return false; // nothing to compare: the claim stands, as before
    return messageFingerprint(firstRaw) !== messageFingerprint(raw);
  }

  async #claimOf(complaint: Complaint): Promise<ProcessedEmail | null> {
    const claim = await this.ctx.store.getProcessedEmail(complaint.ingestKey);
    return claim?.complaintId === complaint.id ? claim : null;
  }
}

/** Whether a complaint's processing still waits for a retry at `now` (as `listRetryable` says). */
function isDue(c: Complaint, now: Date): boolean {
  const p = c.processing;
  return (p.state === "pending" || p.state === "failed") &&
    (!p.nextAttemptAt || p.nextAttemptAt <= now.toISOString());
}

/** Emails at least this large free their buffers with a full collection once processed. */
const LARGE_EMAIL_BYTES = 1024 * 1024;

/**
 * A large email leaves megabytes of ArrayBuffers (raw, decoded parts) that V8 frees only at a
 * major collection, which its heuristics put off while the JS heap is small: RSS climbs far
 * past what is live. `deno task start` runs with `--expose-gc`; without it this does nothing.
 */
function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function processedLabel(outcome: ProcessOutcome): ProcessedLabel {
  if (outcome.kind === "threaded" || outcome.kind === "ignored") return outcome.kind;
  if (outcome.complaint.processing.state !== "done") return "failed";
  return outcome.complaint.duplicateOf ? "duplicate" : "created";
}

function toResult(outcome: ProcessOutcome): IngestResult {
  return outcome.kind === "duplicate" ? { kind: "created", complaint: outcome.complaint } : outcome;
}
