import assert from "node:assert/strict";
import { LocalBlobStore } from "../blobs/local.ts";
import { parseConfig } from "../config.ts";
import type { AppContext } from "../ports.ts";
import type { Config } from "../config.ts";
import { sha256Hex } from "../crypto.ts";
import { createLogger } from "../log.ts";
import { extractionBlobKey } from "../pipeline/keys.ts";
import { createExtractPool } from "./registry.ts";
import { extractionSettingsTag, extractReusing } from "./reuse.ts";

async function withBlobs(
  fn: (ctx: Pick<AppContext, "blobs" | "config" | "log" | "extractPool">) => Promise<void>,
) {
  const dir = await Deno.makeTempDir();
  const blobs = new LocalBlobStore(dir);
  await blobs.init();
  const config = parseConfig({ EXTRACT_POOL_SIZE: "1" });
  const ctx = {
    blobs,
    config: config as Config,
    log: createLogger("error", () => {}),
    extractPool: createExtractPool(config),
  };
  try {
    await fn(ctx);
  } finally {
    await ctx.extractPool.close();
    await Deno.remove(dir, { recursive: true });
  }
}

const csv = new TextEncoder().encode("order,amount\nORD-77,100\n");
const file = { filename: "a.csv", contentType: "text/csv", content: csv };

Deno.test("a file read once is not read again: its record is reused by content, marked reused", async () => {
  await withBlobs(async (ctx) => {
    const sha = await sha256Hex(csv);
    const first = await extractReusing(ctx, ctx.extractPool, file, sha);
    assert.equal(first.extraction?.status, "done");
    assert.match(first.extractedText, /ORD-77/);
    assert.equal(first.extraction?.reused, undefined);
    const key = extractionBlobKey(sha, extractionSettingsTag(ctx.config));
    assert.ok(await ctx.blobs.get(key), "the record is kept in the blob store");

    // Prove the extractor does not run: the kept record is what comes back, whatever it says.
    const edited = { ...first, extractedText: "FROM THE RECORD" };
    await ctx.blobs.delete(key); // blob keys are write-once: replace the record by hand
    await ctx.blobs.put(key, new TextEncoder().encode(JSON.stringify(edited)), "application/json");
    const again = await extractReusing(
      ctx,
      ctx.extractPool,
      { ...file, filename: "b.csv" },
      sha,
    );
    assert.equal(again.extractedText, "FROM THE RECORD");
    assert.equal(again.extraction?.reused, true);
  });
});

Deno.test("other extraction limits read the same bytes anew", () => {
  const a = extractionSettingsTag(parseConfig({}));
  assert.equal(a, extractionSettingsTag(parseConfig({})));
  assert.notEqual(a, extractionSettingsTag(parseConfig({ EXTRACT_MAX_CHARS: "10" })));
  assert.notEqual(a, extractionSettingsTag(parseConfig({ PDF_MAX_PAGES: "3" })));
});

Deno.test("a failed extraction is not kept, so the next mail tries again", async () => {
  await withBlobs(async (ctx) => {
    // A PDF that is not one: the extractor fails on it.
    const broken = new TextEncoder().encode("%PDF-1.7\nthis is not a pdf at all\n%%EOF");
    const sha = await sha256Hex(broken);
    const out = await extractReusing(
      ctx,
      ctx.extractPool,
      { filename: "x.pdf", contentType: "application/pdf", content: broken },
      sha,
    );
    assert.equal(out.extraction?.status, "failed", JSON.stringify(out.extraction));
    assert.equal(
      await ctx.blobs.get(extractionBlobKey(sha, extractionSettingsTag(ctx.config))),
      null,
    );
  });
});
