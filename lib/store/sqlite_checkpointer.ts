import type { DatabaseSync } from "node:sqlite";

/** How often the background thread copies the WAL back into the database file. */
const INTERVAL_MS = 100;
/**
 * WAL size (pages, 10 MB) at which the writing connection checkpoints itself. Under steady writes
 * a passive checkpoint never catches the last frame, and only a writer that finds the whole log
 * copied starts it over: without this the WAL grows without end. By then the worker has copied
 * nearly everything, so the writer's checkpoint is short. While the worker's own checkpoint runs
 * the writer's is skipped and the log keeps growing: under load that added 9 MB, so the mark is
 * low enough for the log to stay under 24 MB (at 4,000 pages it reached 25 MB).
 */
const WRITER_CHECKPOINT_PAGES = 2500;
/** SQLite's default, restored when the worker stops. */
const DEFAULT_AUTOCHECKPOINT = 1000;

/**
 * Moves a file-backed database's WAL checkpoints to a worker thread. The writing connection
 * checkpoints itself only rarely, to start the log over (each checkpoint copies pages and
 * fsyncs, which on the request thread cost about a third of every write); if the worker fails,
 * the connection takes checkpoints back.
 */
export class SqliteCheckpointer {
  #worker: Worker | null = null;

  private constructor(private readonly db: DatabaseSync) {}

  /** Start checkpointing `path` (already open in WAL mode as `db`) in the background. */
  static async start(db: DatabaseSync, path: string): Promise<SqliteCheckpointer> {
    const checkpointer = new SqliteCheckpointer(db);
    const worker = new Worker(new URL("./sqlite_checkpoint_worker.ts", import.meta.url), {
      type: "module",
    });
    const started = await new Promise<boolean>((resolve) => {
      worker.onmessage = () => resolve(true);
      worker.onerror = (event) => (event.preventDefault(), resolve(false));
      worker.postMessage({ path, intervalMs: INTERVAL_MS });
    });
    if (!started) {
      worker.terminate();
      return checkpointer;
    }
    checkpointer.#worker = worker;
    worker.onerror = (event) => (event.preventDefault(), checkpointer.#fallBack());
    db.exec(`PRAGMA wal_autocheckpoint = ${WRITER_CHECKPOINT_PAGES}`);
    return checkpointer;
  }

  /** Whether checkpoints currently run on the worker. */
  get running(): boolean {
    return this.#worker !== null;
  }

  /** Stop the worker after a last checkpoint; the connection checkpoints for itself again. */
  async stop(): Promise<void> {
    const worker = this.#worker;
    if (!worker) return;
    this.#worker = null;
    await new Promise<void>((resolve) => {
      const timeout = setTimeout(resolve, 2_000);
      worker.onmessage = () => (clearTimeout(timeout), resolve());
      worker.onerror = (event) => (event.preventDefault(), clearTimeout(timeout), resolve());
      worker.postMessage("stop");
    });
    worker.terminate();
    this.#restore();
  }

  #fallBack(): void {
    this.#worker?.terminate();
    this.#worker = null;
    this.#restore();
  }

  #restore(): void {
    if (this.db.isOpen) this.db.exec(`PRAGMA wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT}`);
  }
}
