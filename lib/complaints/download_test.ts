import assert from "node:assert/strict";
import type { SqliteStore } from "../store/sqlite.ts";
import { openTempStore } from "../../test/support/store.ts";
import { LocalBlobStore } from "../blobs/local.ts";
import { HttpError } from "../http/errors.ts";
import type { Attachment } from "../schema/complaint.ts";
import { makeComplaint } from "../../test/support/complaints.ts";
import { attachmentDownload, contentDisposition } from "./download.ts";

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
    assert.ok(err instanceof HttpError, String(err));
    assert.equal(err.status, 404);
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

Deno.test("an unknown complaint is a 404", async () => {
  await withCtx(async (ctx) => {
    await assert404(attachmentDownload(ctx, "no-such-complaint", 0));
  });
});

Deno.test("an attachment index out of range or not an integer is a 404", async () => {
  await withCtx(async (ctx) => {
    const c = await seed(ctx);
    for (const index of [3, 99, -1, 0.5, NaN, Infinity]) {
      await assert404(attachmentDownload(ctx, c.id, index));
    }
  });
});

Deno.test("an attachment whose bytes are missing is a 404", async () => {
  await withCtx(async (ctx) => {
    const c = await seed(ctx);
    await assert404(attachmentDownload(ctx, c.id, 2));
  });
});

/** Parse the RFC 6266 header back: the ASCII fallback and the decoded filename*. */
function parseDisposition(header: string) {
  const m = /^attachment; filename="([^"\\]*)"; filename\*=UTF-8''([^;\s]*)$/.exec(header);
  assert.ok(m, header);
  return { fallback: m[1], name: decodeURIComponent(m[2]), encoded: m[2] };
}

Deno.test("a Cyrillic name with quotes keeps a safe ASCII fallback and the exact UTF-8 name", () => {
  const name = 'Отчёт "итог" 2026\\09.pdf';
  const d = parseDisposition(contentDisposition(name));
  assert.equal(d.name, name);
  assert.match(d.fallback, /^[\x20-\x7e]+$/);
  assert.ok(!d.fallback.includes('"') && !d.fallback.includes("\\"), d.fallback);
  assert.match(d.fallback, /2026_09\.pdf$/);
});

Deno.test("a plain ASCII name is its own fallback", () => {
  const d = parseDisposition(contentDisposition("invoice 42.pdf"));
  assert.equal(d.fallback, "invoice 42.pdf");
  assert.equal(d.name, "invoice 42.pdf");
});

Deno.test("an empty name falls back to 'attachment'", () => {
  assert.equal(parseDisposition(contentDisposition("")).fallback, "attachment");
});

Deno.test("CR/LF in a name cannot split the header", () => {
  const header = contentDisposition("a\r\nSet-Cookie: x=1.txt");
  assert.ok(!/[\r\n]/.test(header), header);
  assert.doesNotThrow(() => new Headers({ "content-disposition": header }));
});

Deno.test({
  name: "filename* holds only RFC 5987 attr-chars, even for ' ( ) *",
  fn() {
    const d = parseDisposition(contentDisposition("O'Brien (копия)*.pdf"));
    assert.match(d.encoded, /^[A-Za-z0-9!#$&+\-.^_`|~%]+$/);
    assert.equal(d.name, "O'Brien (копия)*.pdf");
  },
});
