import { SqliteStore } from "./sqlite.ts";
import { runStoreContract } from "../../test/contracts/store_contract.ts";

Deno.test("sqlite store satisfies the complaint store contract", async (t) => {
  const dirs = new Map<SqliteStore, string>();
  await runStoreContract(t, {
    async open() {
      const dir = await Deno.makeTempDir();
      const store = new SqliteStore(`${dir}/c.db`);
      await store.init();
      dirs.set(store, dir);
      return store;
    },
    async dispose(store) {
      await store.close();
      await Deno.remove(dirs.get(store as SqliteStore)!, { recursive: true });
    },
  });
});

Deno.test("sqlite store keeps data across reopen", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const { makeComplaint } = await import("../../test/support/complaints.ts");
    const c = makeComplaint();
    const a = new SqliteStore(`${dir}/c.db`);
    await a.init();
    await a.createComplaint(c);
    await a.close();
    const b = new SqliteStore(`${dir}/c.db`);
    await b.init();
    const read = await b.getComplaint(c.id);
    await b.close();
    if (read?.id !== c.id) throw new Error("complaint lost after reopen");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
