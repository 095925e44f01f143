import assert from "node:assert/strict";
import { type AttachmentsContext, storeAttachments } from "./attachments.ts";
import { LocalBlobStore } from "../blobs/local.ts";
import { type Config, parseConfig } from "../config.ts";
import { sha256Hex } from "../crypto.ts";
import { createExtractPool } from "../extract/registry.ts";
import { createLogger } from "../log.ts";
import type { ParsedEmail } from "../mime/types.ts";
import { emptyEmail } from "../mime/parse.ts";

function parsedWith(attachments: ParsedEmail["attachments"]): ParsedEmail {
  return { ...emptyEmail(), attachments };
}

const part = (filename: string, contentType: string, content: Uint8Array) => ({
  filename,
  contentType,
  content,
  disposition: "attachment" as const,
  related: false,
});

async function withContext(
  env: Record<string, string>,
  fn: (ctx: AttachmentsContext, blobs: LocalBlobStore) => Promise<void>,
) {
  const dir = await Deno.makeTempDir();
  const blobs = new LocalBlobStore(dir);
  await blobs.init();
  const config = parseConfig({ EXTRACT_POOL_SIZE: "1", ...env }) as Config;
  const ctx = {
    blobs,
    config,
    log: createLogger("error", () => {}),
    extractPool: createExtractPool(config),
  };
  try {
    await fn(ctx, blobs);
  } finally {
    await ctx.extractPool.close();
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("attachments are stored once by SHA-256 and their text is extracted", async () => {
  await withContext({}, async (ctx, blobs) => {
    const csv = new TextEncoder().encode("order,amount\nORD-1,100\n");
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    const out = await storeAttachments(
      ctx,
      parsedWith([
        part("a.csv", "text/csv", csv),
        part("copy.csv", "text/csv", csv),
        part("x.png", "image/png", png),
      ]),
    );
    const sha = await sha256Hex(csv);
    assert.equal(out[0].sha256, sha);
    assert.equal(out[0].storageKey, `att/${sha.slice(0, 2)}/${sha}`);
    assert.equal(out[1].storageKey, out[0].storageKey);
    assert.equal(out[0].extractedText, "order\tamount\nORD-1\t100");
    assert.equal(out[0].extraction?.status, "done");
    assert.equal(out[0].detectedType, "text/csv");
    assert.equal(out[2].detectedType, "image/png");
    assert.equal(out[2].extraction?.status, "failed", "a truncated PNG cannot be read");
    assert.deepEqual(await blobs.get(out[2].storageKey), png);
    const stored = await Array.fromAsync(blobs.list("att/"));
    assert.equal(stored.length, 2, "identical files are stored once");
  });
});

Deno.test("attachments past the per-email count and byte limits are stored but not read", async () => {
  await withContext(
    { ATTACHMENTS_MAX_COUNT: "2", ATTACHMENTS_MAX_BYTES: "30" },
    async (ctx, blobs) => {
      const t = (s: string) => new TextEncoder().encode(s);
      const out = await storeAttachments(
        ctx,
        parsedWith([
          part("a.txt", "text/plain", t("first file, twenty")),
          part("b.txt", "text/plain", t("second file is too big")),
          part("c.txt", "text/plain", t("third")),
        ]),
      );
      assert.equal(out[0].extraction?.status, "done");
      assert.equal(out[1].extraction?.status, "skipped");
      assert.match(out[1].extraction?.reason ?? "", /30 attachment bytes/);
      assert.equal(out[2].extraction?.status, "skipped");
      assert.match(out[2].extraction?.reason ?? "", /over 2 attachments/);
      assert.equal((await Array.fromAsync(blobs.list("att/"))).length, 3, "all are stored");
    },
  );
});
