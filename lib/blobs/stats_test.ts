import assert from "node:assert/strict";
import { LocalBlobStore } from "./local.ts";
import { storageStats } from "./stats.ts";

Deno.test("storageStats counts objects and bytes in total and by kind", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const blobs = new LocalBlobStore(dir);
    await blobs.init();
    assert.deepEqual(await storageStats(blobs), {
      objects: 0,
      bytes: 0,
      byKind: {
        raw: { objects: 0, bytes: 0 },
        attachment: { objects: 0, bytes: 0 },
        extraction: { objects: 0, bytes: 0 },
        outbox: { objects: 0, bytes: 0 },
        other: { objects: 0, bytes: 0 },
      },
    });
    await blobs.put("raw/ab/1.eml", new Uint8Array(10));
    await blobs.put("raw/cd/2.eml", new Uint8Array(5));
    await blobs.put("att/ab/3", new Uint8Array(100));
    await blobs.put("att/ab/3", new Uint8Array(100)); // content-addressed: stored once
    await blobs.put("misc/4", new Uint8Array(1));
    await blobs.put("extract/ab/3-tag.json", new Uint8Array(20));
    await blobs.put("outbox/m1_example.com.eml", new Uint8Array(7));
    assert.deepEqual(await storageStats(blobs), {
      objects: 6,
      bytes: 143,
      byKind: {
        raw: { objects: 2, bytes: 15 },
        attachment: { objects: 1, bytes: 100 },
        extraction: { objects: 1, bytes: 20 },
        outbox: { objects: 1, bytes: 7 },
        other: { objects: 1, bytes: 1 },
      },
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
