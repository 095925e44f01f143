import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { WalSync } from "./wal_sync.ts";

async function withWal(fn: (db: DatabaseSync, wal: WalSync, path: string) => Promise<void>) {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/c.db`;
  const db = new DatabaseSync(path);
  db.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;");
  const wal = new WalSync(`${path}-wal`);
  try {
    await fn(db, wal, path);
  } finally {
    await wal.close();
    db.close();
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("a flush before anything is written resolves without a sync", async () => {
  await withWal(async (_db, wal) => {
    await wal.flush();
    assert.equal(wal.syncs, 0);
  });
});

Deno.test("a flush after a commit syncs the WAL file", async () => {
  await withWal(async (db, wal, path) => {
    db.exec("CREATE TABLE t (x TEXT); INSERT INTO t VALUES ('a')");
    assert.ok(Deno.statSync(`${path}-wal`).size > 0);
    await wal.flush();
    assert.equal(wal.syncs, 1);
    db.exec("INSERT INTO t VALUES ('b')");
    await wal.flush();
    assert.equal(wal.syncs, 2);
  });
});

Deno.test("flushes that arrive during a sync share the next one", async () => {
  await withWal(async (db, wal) => {
    db.exec("CREATE TABLE t (x TEXT); INSERT INTO t VALUES ('a')");
    const first = wal.flush();
    const burst = Array.from({ length: 20 }, () => wal.flush());
    assert.equal(new Set(burst).size, 1, "the burst waits for one shared sync");
    await Promise.all([first, ...burst]);
    assert.equal(wal.syncs, 2);
    await wal.flush();
    assert.equal(wal.syncs, 3, "a later flush syncs again");
  });
});

Deno.test("after close a flush resolves and syncs nothing", async () => {
  await withWal(async (db, wal) => {
    db.exec("CREATE TABLE t (x TEXT); INSERT INTO t VALUES ('a')");
    await wal.close();
    await wal.flush();
    assert.equal(wal.syncs, 0);
  });
});
