import assert from "node:assert/strict";
import { withTempStore } from "../test/support/store.ts";
import { LocalBlobStore } from "./blobs/local.ts";
import type { BlobStore } from "./blobs/port.ts";
import { readiness } from "./health.ts";
import { MongoStore } from "./store/mongo.ts";

Deno.test("ready when the store and the blob store answer a read", async () => {
  await withTempStore(async (store) => {
    const dir = await Deno.makeTempDir();
    try {
      const blobs = new LocalBlobStore(dir);
      await blobs.init();
      const r = await readiness({ store, blobs });
      assert.equal(r.ok, true);
      assert.equal(r.store.ok, true);
      assert.equal(r.blobs.ok, true);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  });
});

Deno.test("not ready when the store is unreachable or a dependency does not answer in time", async () => {
  await withTempStore(async (store) => {
    // A MongoDB at a closed port: its read fails fast (short server selection).
    const down = new MongoStore("mongodb://127.0.0.1:1/", "ready", {
      serverSelectionTimeoutMS: 200,
    });
    const hanging = { get: () => new Promise(() => {}) } as unknown as BlobStore;
    try {
      const r = await readiness({ store: down, blobs: hanging }, 500);
      assert.equal(r.ok, false);
      assert.equal(r.store.ok, false);
      assert.equal(r.store.error, "UnavailableError");
      assert.equal(r.blobs.ok, false);
      assert.ok(r.blobs.ms >= 400 && r.blobs.ms < 2000, String(r.blobs.ms));
      const half = await readiness({ store, blobs: hanging }, 100);
      assert.equal(half.store.ok, true);
      assert.equal(half.ok, false);
    } finally {
      await down.close();
    }
  });
});
