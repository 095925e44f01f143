import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import type { BlobInfo, BlobStore } from "../../lib/blobs/port.ts";

export interface BlobFactory {
  /** A fresh, empty, initialised store. */
  open(): Promise<BlobStore>;
  /** Remove everything the store wrote. */
  dispose(store: BlobStore): Promise<void>;
}

/** Random bytes of any size (getRandomValues fills at most 64 KiB per call). */
export function randomBytes(size: number): Uint8Array {
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i += 65_536) crypto.getRandomValues(out.subarray(i, i + 65_536));
  return out;
}

const text = (s: string) => new TextEncoder().encode(s);

async function listAll(s: BlobStore, prefix: string): Promise<BlobInfo[]> {
  const all = await Array.fromAsync(s.list(prefix));
  return all.map(({ key, size }) => ({ key, size })).sort((a, b) => a.key.localeCompare(b.key));
}

/**
 * The blob store contract: every adapter (local folder, S3) runs these same steps unchanged.
 * Call inside a Deno.test and pass its context.
 */
export async function runBlobContract(t: Deno.TestContext, factory: BlobFactory): Promise<void> {
  const step = (name: string, fn: (s: BlobStore) => Promise<void>) =>
    t.step(name, async () => {
      const store = await factory.open();
      try {
        await fn(store);
      } finally {
        await factory.dispose(store);
      }
    });

  await step("put then get returns the same bytes", async (s) => {
    const bytes = text("From: a@b.c\r\nSubject: Привет\r\n\r\nbody\r\n");
    await s.put("raw/ab/abc123.eml", bytes, "message/rfc822");
    assert.deepEqual(await s.get("raw/ab/abc123.eml"), bytes);
  });

  await step("a 3 MB random buffer round-trips byte for byte", async (s) => {
    const bytes = randomBytes(3 * 1024 * 1024 + 7);
    await s.put("att/big.bin", bytes, "application/octet-stream");
    const got = await s.get("att/big.bin");
    assert.ok(got, "stored");
    assert.equal(got.length, bytes.length);
    assert.ok(Buffer.compare(got, bytes) === 0, "bytes differ");
  });

  await step("empty content is stored and read back as zero bytes", async (s) => {
    await s.put("att/empty.txt", new Uint8Array(0));
    assert.equal(await s.has("att/empty.txt"), true);
    assert.equal((await s.get("att/empty.txt"))?.length, 0);
  });

  await step("get of a missing key is null and has is false", async (s) => {
    assert.equal(await s.get("raw/zz/missing.eml"), null);
    assert.equal(await s.has("raw/zz/missing.eml"), false);
  });

  await step("has is true after put and false after delete", async (s) => {
    await s.put("att/x.pdf", text("%PDF"));
    assert.equal(await s.has("att/x.pdf"), true);
    await s.delete("att/x.pdf");
    assert.equal(await s.has("att/x.pdf"), false);
    assert.equal(await s.get("att/x.pdf"), null);
  });

  await step("delete of a missing key is harmless", async (s) => {
    await s.delete("att/never-there.bin");
    assert.equal(await s.has("att/never-there.bin"), false);
  });

  await step("putting the same key again is harmless and keeps one object", async (s) => {
    const bytes = text("same content, same key");
    await s.put("raw/cd/same.eml", bytes);
    await s.put("raw/cd/same.eml", bytes);
    await Promise.all([s.put("raw/cd/same.eml", bytes), s.put("raw/cd/same.eml", bytes)]);
    assert.deepEqual(await s.get("raw/cd/same.eml"), bytes);
    assert.deepEqual(await listAll(s, "raw/"), [{ key: "raw/cd/same.eml", size: bytes.length }]);
  });

  await step("list by prefix yields the matching keys with their sizes", async (s) => {
    await s.put("raw/ab/1.eml", text("one"));
    await s.put("raw/ab/2.eml", text("two!"));
    await s.put("raw/cd/3.eml", text("three"));
    await s.put("att/ab/4.bin", text("four4"));
    assert.deepEqual(await listAll(s, "raw/"), [
      { key: "raw/ab/1.eml", size: 3 },
      { key: "raw/ab/2.eml", size: 4 },
      { key: "raw/cd/3.eml", size: 5 },
    ]);
    assert.deepEqual(await listAll(s, "raw/ab/"), [
      { key: "raw/ab/1.eml", size: 3 },
      { key: "raw/ab/2.eml", size: 4 },
    ]);
    assert.deepEqual((await listAll(s, "raw/c")).map((b) => b.key), ["raw/cd/3.eml"]);
    assert.deepEqual((await listAll(s, "")).map((b) => b.key), [
      "att/ab/4.bin",
      "raw/ab/1.eml",
      "raw/ab/2.eml",
      "raw/cd/3.eml",
    ]);
    assert.deepEqual(await listAll(s, "nothing/"), []);
  });

  await step("invalid keys are rejected by every operation", async (s) => {
    for (const key of ["../x", "raw/../../etc/passwd", "/abs", "/etc/passwd", ""]) {
      const bytes = text("x");
      await assert.rejects(async () => await s.put(key, bytes), `put ${JSON.stringify(key)}`);
      await assert.rejects(async () => await s.get(key), `get ${JSON.stringify(key)}`);
      await assert.rejects(async () => await s.has(key), `has ${JSON.stringify(key)}`);
      await assert.rejects(async () => await s.delete(key), `delete ${JSON.stringify(key)}`);
    }
    assert.deepEqual(await listAll(s, ""), []);
  });
}
