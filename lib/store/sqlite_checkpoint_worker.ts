/// <reference lib="deno.worker" />
/**
 * Runs SQLite WAL checkpoints on its own connection and thread, so the fsyncs a checkpoint
 * needs never stall the request thread. Messages: `{ path, intervalMs }` to start, then
 * `"stop"`. Posts `"started"` once its connection is open.
 */
import { DatabaseSync } from "node:sqlite";

let db: DatabaseSync | null = null;
let timer: ReturnType<typeof setInterval> | undefined;

self.onmessage = (event: MessageEvent<{ path: string; intervalMs: number } | "stop">) => {
  if (event.data === "stop") {
    clearInterval(timer);
    try {
      db?.exec("PRAGMA wal_checkpoint(PASSIVE)");
    } finally {
      db?.close();
      db = null;
      self.postMessage("stopped");
    }
    return;
  }
  db = new DatabaseSync(event.data.path);
  db.exec("PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL;");
  const checkpoint = db.prepare("PRAGMA wal_checkpoint(PASSIVE)");
  timer = setInterval(() => {
    try {
      checkpoint.get();
    } catch (err) {
      // A busy database is retried on the next tick; anything else is the owner's to handle.
      if (!String(err).includes("busy") && !String(err).includes("locked")) throw err;
    }
  }, event.data.intervalMs);
  self.postMessage("started");
};
