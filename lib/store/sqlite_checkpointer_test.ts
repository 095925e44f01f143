import assert from "node:assert/strict";
import { until } from "../../test/support/wait.ts";
import { DatabaseSync } from "node:sqlite";
import { SqliteCheckpointer } from "./sqlite_checkpointer.ts";

function openWal(path: string): DatabaseSync {
  const db = new DatabaseSync(path);
  db.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;");
  db.exec("CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
  return db;
}

function fill(db: DatabaseSync, rows: number): void {
  const insert = db.prepare("INSERT INTO t (body) VALUES (?)");
  for (let i = 0; i < rows; i++) insert.run("x".repeat(4000) + i);
}

Deno.test("the background checkpointer copies the WAL into the database file", async () => {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/c.db`;
  const db = openWal(path);
  const checkpointer = await SqliteCheckpointer.start(db, path);
  try {
    assert(checkpointer.running);
    const before = Deno.statSync(path).size;
    fill(db, 300); // ~1.2 MB, below the default autocheckpoint, and ours is off
    await until(() => Deno.statSync(path).size > before + 1_000_000);
  } finally {
    await checkpointer.stop();
    db.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("the WAL stays bounded under steady writes and stop() restores the default", async () => {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/c.db`;
  const db = openWal(path);
  const checkpointer = await SqliteCheckpointer.start(db, path);
  try {
    const insert = db.prepare("INSERT INTO t (body) VALUES (?)");
    let largest = 0;
    // ~12,000 pages in small transactions: a log that never starts over would pass 45 MB.
    for (let i = 0; i < 4000; i++) {
      insert.run("y".repeat(8000) + i);
      if (i % 100 === 0) {
        largest = Math.max(largest, Deno.statSync(`${path}-wal`).size);
        await new Promise((r) => setTimeout(r, 1));
      }
    }
    largest = Math.max(largest, Deno.statSync(`${path}-wal`).size);
    assert(largest < 24 * 1024 * 1024, `WAL grew to ${largest} bytes`);
  } finally {
    await checkpointer.stop();
  }
  try {
    const setting = db.prepare("PRAGMA wal_autocheckpoint").get() as Record<string, number>;
    assert.equal(Object.values(setting)[0], 1000, "stop() gives checkpoints back");
    assert(!checkpointer.running);
  } finally {
    db.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("rows written before stop() are in the database file after it", async () => {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/c.db`;
  const db = openWal(path);
  const checkpointer = await SqliteCheckpointer.start(db, path);
  try {
    fill(db, 50);
    await checkpointer.stop();
    db.close();
    // Without the WAL file, only the main file's pages remain readable.
    await Deno.remove(`${path}-wal`).catch(() => {});
    const reopened = new DatabaseSync(path);
    const row = reopened.prepare("SELECT COUNT(*) AS n FROM t").get() as { n: number };
    reopened.close();
    assert.equal(Number(row.n), 50);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
