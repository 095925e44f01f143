import assert from "node:assert/strict";
import { join } from "node:path";
import { LocalBlobStore } from "./local.ts";
import { randomBytes, runBlobContract } from "../../test/contracts/blob_contract.ts";
import type { BlobStore } from "./port.ts";

Deno.test("local blob store satisfies the blob store contract", async (t) => {
  const dirs = new Map<BlobStore, string>();
  await runBlobContract(t, {
    async open() {
      const dir = await Deno.makeTempDir();
      // A root that does not exist yet: init must create it.
      const store = new LocalBlobStore(join(dir, "blobs"));
      await store.init();
      dirs.set(store, dir);
      return store;
    },
    async dispose(store) {
      await store.close?.();
      await Deno.remove(dirs.get(store)!, { recursive: true });
    },
  });
});

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for await (const e of Deno.readDir(dir)) {
    const path = join(dir, e.name);
    if (e.isDirectory) out.push(...await filesUnder(path));
    else out.push(path);
  }
  return out;
}

Deno.test("no .tmp file remains after puts, and keys map to files under the root", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const store = new LocalBlobStore(join(dir, "blobs"));
    await store.init();
    await Promise.all([
      store.put("raw/ab/1.eml", randomBytes(200_000)),
      store.put("raw/ab/2.eml", randomBytes(10)),
      store.put("att/3.bin", randomBytes(1_000_000)),
      store.put("att/3.bin", randomBytes(1_000_000)),
    ]);
    const files = (await filesUnder(dir)).map((f) => f.slice(dir.length + 1)).sort();
    assert.deepEqual(files, ["blobs/att/3.bin", "blobs/raw/ab/1.eml", "blobs/raw/ab/2.eml"]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a leftover .tmp from a crashed write is not listed", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const store = new LocalBlobStore(dir);
    await store.init();
    await store.put("raw/a.eml", randomBytes(5));
    await Deno.writeFile(join(dir, "raw", "b.eml.1234.tmp"), randomBytes(5));
    const keys = (await Array.fromAsync(store.list("raw/"))).map((b) => b.key);
    assert.deepEqual(keys, ["raw/a.eml"]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("blobs persist for a new store over the same folder", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const bytes = randomBytes(1234);
    await new LocalBlobStore(dir).put("raw/p.eml", bytes);
    assert.deepEqual(await new LocalBlobStore(dir).get("raw/p.eml"), bytes);
    const store: BlobStore = new LocalBlobStore(dir);
    assert.equal(await store.presignedUrl("raw/p.eml", "p.eml"), null);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a folder removed by hand after a write is made again by the next write", async () => {
  const root = await Deno.makeTempDir();
  try {
    const store = new LocalBlobStore(root);
    await store.init();
    await store.put("raw/ab/one.eml", new TextEncoder().encode("one"));
    await Deno.remove(`${root}/raw`, { recursive: true });
    await store.put("raw/ab/two.eml", new TextEncoder().encode("two"));
    assert.equal(new TextDecoder().decode((await store.get("raw/ab/two.eml"))!), "two");
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("a listing skips a blob deleted while it runs instead of failing", async () => {
  const root = await Deno.makeTempDir();
  const store = new LocalBlobStore(root);
  try {
    await store.init();
    for (const name of ["a", "b", "c"]) {
      await store.put(`status/poller/${name}.json`, new TextEncoder().encode(name));
    }
    const seen: string[] = [];
    for await (const { key } of store.list("status/")) {
      seen.push(key);
      // A heartbeat's writer (or a clean-up) removes the next one after the folder was read.
      if (seen.length === 1) await store.delete("status/poller/b.json");
    }
    assert.deepEqual(seen, ["status/poller/a.json", "status/poller/c.json"]);
  } finally {
    await store.close();
    await Deno.remove(root, { recursive: true });
  }
});
