/**
 * Makes a WAL-mode SQLite database's committed transactions durable without blocking the
 * request thread. The connection runs with `synchronous = NORMAL`, so a commit is written to
 * the WAL but not fsynced; `flush()` fdatasyncs the WAL file from Deno's I/O pool (fsync is per
 * file, so our own descriptor covers SQLite's writes). Flushes asked while one sync runs share
 * the next sync: one fsync covers a whole burst (group commit).
 */
export class WalSync {
  #file: Deno.FsFile | null = null;
  #current: Promise<void> | null = null;
  #queued: Promise<void> | null = null;
  #closed = false;
  /** fdatasync calls made so far (tests, diagnostics). */
  syncs = 0;

  constructor(private readonly walPath: string) {}

  /** Resolves once every transaction committed before the call is on disk. */
  flush(): Promise<void> {
    if (!this.#current) return this.#start();
    this.#queued ??= this.#current.catch(() => {}).then(() => {
      this.#queued = null;
      return this.#start();
    });
    return this.#queued;
  }

  /** Waits for syncs in flight, then lets go of the file. */
  async close(): Promise<void> {
    this.#closed = true;
    await Promise.allSettled([this.#current, this.#queued]);
    this.#file?.close();
    this.#file = null;
  }

  #start(): Promise<void> {
    const run = this.#sync().finally(() => {
      if (this.#current === run) this.#current = null;
    });
    this.#current = run;
    return run;
  }

  async #sync(): Promise<void> {
    if (this.#closed) return;
    this.#file ??= await openIfPresent(this.walPath);
    if (!this.#file) return; // no WAL yet: nothing committed that is not in the main file
    this.syncs++;
    await this.#file.syncData();
  }
}

async function openIfPresent(path: string): Promise<Deno.FsFile | null> {
  try {
    // Read-only: SQLite owns every write; fsync works on any descriptor of the file.
    return await Deno.open(path, { read: true });
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return null;
    throw err;
  }
}
