import assert from "node:assert/strict";
import type { SqliteStore } from "../store/sqlite.ts";
import { openTempStore } from "../../test/support/store.ts";
import { LocalBlobStore } from "../blobs/local.ts";
import { NotFoundError } from "../errors.ts";
import type { Attachment } from "../schema/complaint.ts";
import { makeComplaint } from "../../test/support/complaints.ts";
import { attachmentDownload } from "./download.ts";

type Ctx = { store: SqliteStore; blobs: LocalBlobStore };

async function withCtx(fn: (ctx: Ctx) => Promise<void>): Promise<void> {
  const temp = await openTempStore();
  const blobs = new LocalBlobStore(`${temp.dir}/blobs`);
  await blobs.init();
  try {
    await fn({ store: temp.store, blobs });
  } finally {
    await temp.close();
  }
}

function attachment(filename: string, contentType: string, storageKey: string): Attachment {
  return {
    filename,
    contentType,
    size: 0,
    sha256: "x",
    storageKey,
    inline: false,
    extractedText: "",
  };
}

const HTML = new TextEncoder().encode("<html><script>fetch('/api/complaints')</script></html>");
const PDF = new TextEncoder().encode("%PDF-1.4 fake");

async function seed(ctx: Ctx) {
  await ctx.blobs.put("att/aa/pdf", PDF);
  await ctx.blobs.put("att/bb/html", HTML);
  const c = makeComplaint({
    attachments: [
      attachment("invoice.pdf", "application/pdf", "att/aa/pdf"),
      attachment("page.html", "text/html", "att/bb/html"),
      attachment("gone.txt", "text/plain", "att/cc/missing"),
    ],
  });
  await ctx.store.createComplaint(c);
  return c;
}

async function assert404(p: Promise<unknown>): Promise<void> {
  await assert.rejects(p, (err) => {
    assert.ok(err instanceof NotFoundError, String(err));
    assert.equal(err.code, "not_found");
    return true;
  });
}

Deno.test("an attachment is served as its bytes, as a download, never inline", async () => {
  await withCtx(async (ctx) => {
    const c = await seed(ctx);
    const res = await attachmentDownload(ctx, c.id, 0);
    assert.equal(res.status, 200);
    assert.deepEqual(new Uint8Array(await res.arrayBuffer()), PDF);
    assert.match(
      res.headers.get("content-disposition") ?? "",
      /^attachment; filename="invoice\.pdf"/,
    );
    assert.equal(res.headers.get("content-length"), String(PDF.length));
    assert.equal(res.headers.get("x-content-type-options"), "nosniff");
  });
});

Deno.test("an HTML attachment gets an opaque content type and a sandboxing CSP", async () => {
  await withCtx(async (ctx) => {
    const c = await seed(ctx);
    const res = await attachmentDownload(ctx, c.id, 1);
    assert.equal(res.headers.get("content-type"), "application/octet-stream");
    assert.match(res.headers.get("content-disposition") ?? "", /^attachment;/);
    assert.equal(res.headers.get("x-content-type-options"), "nosniff");
    assert.match(res.headers.get("content-security-policy") ?? "", /sandbox/);
    assert.match(res.headers.get("cache-control") ?? "", /no-store/);
    assert.deepEqual(new Uint8Array(await res.arrayBuffer()), HTML);
  });
});

Deno.test("an unknown complaint is not found", async () => {
  await withCtx(async (ctx) => {
    await assert404(attachmentDownload(ctx, "no-such-complaint", 0));
  });
});

Deno.test("an attachment index out of range or not an integer is not found", async () => {
  await withCtx(async (ctx) => {
    const c = await seed(ctx);
    for (const index of [3, 99, -1, 0.5, NaN, Infinity]) {
      await assert404(attachmentDownload(ctx, c.id, index));
    }
  });
});

Deno.test("an attachment whose bytes are missing is not found", async () => {
  await withCtx(async (ctx) => {
    const c = await seed(ctx);
    await assert404(attachmentDownload(ctx, c.id, 2));
  });
});
