import { SqliteStore } from "../../lib/store/sqlite.ts";

/** An embedded store in a fresh temp folder, for tests. */
export interface TempStore {
  store: SqliteStore;
  /** The temp folder (other test files may go beside the database). */
  dir: string;
  /** Close the store and remove the folder. */
  close(): Promise<void>;
}

/** Open a SQLite store in a new temp folder; `close()` cleans up. */
export async function openTempStore(): Promise<TempStore> {
  const dir = await Deno.makeTempDir({ prefix: "inbox-triage-store-" });
  const store = new SqliteStore(`${dir}/complaints.db`);
  await store.init();
  return {
    store,
    dir,
    async close() {
      await store.close();
      await Deno.remove(dir, { recursive: true });
    },
  };
}

/** Run `fn` with a fresh temp store, closed and removed after. */
export async function withTempStore(fn: (store: SqliteStore) => Promise<void>): Promise<void> {
  const temp = await openTempStore();
  try {
    await fn(temp.store);
  } finally {
    await temp.close();
  }
}
