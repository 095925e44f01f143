import assert from "node:assert/strict";
import { storeAttachments } from "./attachments.ts";
import { LocalBlobStore } from "../blobs/local.ts";
import { sha256Hex } from "../crypto.ts";
import type { ParsedEmail } from "../mime/types.ts";

function parsedWith(attachments: ParsedEmail["attachments"]): ParsedEmail {
  return {
    references: [],
    from: null,
    replyTo: [],
    to: [],
    cc: [],
    subject: "",
    text: "",
    html: "",
    attachments,
    headers: {},
    warnings: [],
  };
}

Deno.test("attachments are stored once by SHA-256 and text ones are extracted", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const blobs = new LocalBlobStore(dir);
    await blobs.init();
    const csv = new TextEncoder().encode("order,amount\nORD-1,100\n");
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    const part = (filename: string, contentType: string, content: Uint8Array) => ({
      filename,
      contentType,
      content,
      disposition: "attachment" as const,
      related: false,
    });
    const out = await storeAttachments(
      { blobs } as never,
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
    assert.equal(out[0].extractedText, "order,amount\nORD-1,100\n");
    assert.equal(out[0].extraction?.status, "done");
    assert.equal(out[2].extraction?.status, "skipped");
    assert.deepEqual(await blobs.get(out[2].storageKey), png);
    const stored = await Array.fromAsync(blobs.list("att/"));
    assert.equal(stored.length, 2, "identical files are stored once");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
