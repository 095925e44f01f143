import assert from "node:assert/strict";
import PostalMime from "postal-mime";
import { ByteSink, runPostalMime } from "./postal_parser.ts";

const enc = (s: string) => new TextEncoder().encode(s);
const noCharsets = { headerCharsets: () => [], onWarning: () => {} };

function sampleMail(): Uint8Array {
  const binary = new Uint8Array(300_000);
  for (let i = 0; i < binary.length; i++) binary[i] = (i * 31 + (i >> 8)) & 0xff;
  let bin = "";
  for (let i = 0; i < binary.length; i += 8192) {
    bin += String.fromCharCode(...binary.subarray(i, i + 8192));
  }
  return enc([
    "From: a@b.kz",
    "Subject: parts",
    'Content-Type: multipart/mixed; boundary="B"',
    "",
    "--B",
    "Content-Type: text/plain; charset=utf-8",
    "Content-Transfer-Encoding: quoted-printable",
    "",
    "caf=C3=A9 soft=",
    "break",
    "--B",
    'Content-Type: application/octet-stream; name="a.bin"',
    "Content-Transfer-Encoding: base64",
    "",
    btoa(bin).replace(/.{76}/g, "$&\r\n"),
    "--B",
    'Content-Type: text/csv; name="b.csv"',
    "",
    "x;y\r\n1;2",
    "--B--",
    "",
  ].join("\r\n"));
}

/** Leaf contents in tree order, from our adapter's MIME tree. */
async function adapterContents(raw: Uint8Array): Promise<Uint8Array[]> {
  const { root } = await runPostalMime(raw, noCharsets);
  const out: Uint8Array[] = [];
  const visit = (n: typeof root) => {
    if (!n.contentType.multipart && n.content) out.push(new Uint8Array(n.content));
    n.childNodes.forEach(visit);
  };
  visit(root);
  return out;
}

Deno.test("decoded part contents are byte-identical to stock postal-mime's", async () => {
  const raw = sampleMail();
  const stock = await PostalMime.parse(raw);
  const ours = await adapterContents(raw);
  assert.equal(new TextDecoder().decode(ours[0]), "café softbreak\n");
  assert.deepEqual(ours[1], new Uint8Array(stock.attachments[0].content as ArrayBuffer));
  assert.deepEqual(ours[2], new Uint8Array(stock.attachments[1].content as ArrayBuffer));
  assert.equal(ours[1].length, 300_000);
});

Deno.test("body chunks are joined without Blob (stock postal-mime uses Blob)", async () => {
  const RealBlob = globalThis.Blob;
  let blobsWithData = 0;
  globalThis.Blob = class extends RealBlob {
    constructor(parts?: BlobPart[], options?: BlobPropertyBag) {
      super(parts, options);
      if (this.size > 0) blobsWithData++;
    }
  };
  try {
    await runPostalMime(sampleMail(), noCharsets);
    assert.equal(blobsWithData, 0);
    await PostalMime.parse(sampleMail());
    assert.ok(blobsWithData > 0, "stock path did not use Blob: the adapter may be unnecessary now");
  } finally {
    globalThis.Blob = RealBlob;
  }
});

Deno.test("raw 8-bit header lines are transcoded before postal-mime reads them", async () => {
  const raw = new Uint8Array([
    ...enc("Subject: "),
    0xf0,
    0xd2,
    0xc9,
    0xd7,
    0xc5,
    0xd4, // "Привет" in KOI8-R
    ...enc("\r\nContent-Type: text/plain; charset=koi8-r\r\n\r\nbody\r\n"),
  ]);
  const warnings: string[] = [];
  const result = await runPostalMime(raw, {
    headerCharsets: () => ["koi8-r"],
    onWarning: (w) => warnings.push(w),
  });
  assert.equal(result.email?.subject, "Привет");
  assert.deepEqual(warnings, ["raw 8-bit header lines decoded by guess"]);
});

Deno.test("a base64 body cut mid-group is reported", async () => {
  const warnings: string[] = [];
  await runPostalMime(enc("Content-Transfer-Encoding: base64\r\n\r\naGVsbG8gd29ybG\r\n"), {
    headerCharsets: () => [],
    onWarning: (w) => warnings.push(w),
  });
  assert.deepEqual(warnings, ["base64 body ends mid-group (truncated?)"]);
});

Deno.test("postal-mime errors are returned with the partial tree, not thrown", async () => {
  let body = "x\r\n";
  for (let i = 0; i < 300; i++) {
    body = `Content-Type: multipart/mixed; boundary="n${i}"\r\n\r\n--n${i}\r\n${body}`;
  }
  const result = await runPostalMime(enc(`Subject: deep\r\n${body}`), noCharsets);
  assert.match(result.error?.message ?? "", /nesting depth/);
  assert.equal(result.root.headers[0].value, "deep");
});

Deno.test("ByteSink joins ArrayBuffers, views and line-end strings, growing as it goes", () => {
  const sink = new ByteSink();
  sink.push(new Uint8Array([1, 2]).buffer);
  sink.push(new Uint8Array([0, 3, 4]).subarray(1));
  sink.push("\n");
  const big = new Uint8Array(5000).fill(7);
  sink.push(big);
  sink.push("é");
  const joined = new Uint8Array(sink.take());
  assert.equal(joined.length, 5 + 5000 + 2);
  assert.deepEqual(joined.subarray(0, 5), new Uint8Array([1, 2, 3, 4, 10]));
  assert.ok(joined.subarray(5, 5005).every((b) => b === 7));
  assert.deepEqual(joined.subarray(5005), new TextEncoder().encode("é"));
  assert.equal(sink.length, 0, "take() empties the sink");
  assert.equal(new Uint8Array(sink.take()).length, 0);
});

Deno.test("a part whose headers run into its text gets its text as body, with a warning", async () => {
  const warnings: string[] = [];
  const raw = enc([
    "Content-Type: multipart/mixed; boundary=b",
    "",
    "--b",
    "Content-Type: text/plain",
    "My order 12345 arrived damaged.",
    "",
    "Please refund me.",
    "--b",
    "Content-Type: application/pdf;",
    'name="r.pdf"', // an unindented parameter after a ";": still a header
    "Content-Transfer-Encoding: base64",
    "JVBERi0xLjQK",
    "--b--",
    "",
  ].join("\r\n"));
  const { root } = await runPostalMime(raw, {
    headerCharsets: () => [],
    onWarning: (w) => warnings.push(w),
  });
  const [text, pdf] = root.childNodes;
  assert.equal(
    new TextDecoder().decode(text.content!),
    "My order 12345 arrived damaged.\n\nPlease refund me.\n",
  );
  assert.equal(pdf.contentType.parsed.params.name, "r.pdf");
  assert.equal(new TextDecoder().decode(pdf.content!), "%PDF-1.4\n");
  assert.deepEqual(warnings, [
    "a MIME part's headers are not followed by a blank line; its body starts at the first non-header line",
  ]);
});

Deno.test("a broken, unindented header continuation followed by more headers is not body", async () => {
  const warnings: string[] = [];
  const { root } = await runPostalMime(
    enc(
      "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\ncharset utf-8\r\nContent-Transfer-Encoding: 7bit\r\n\r\nHello\r\n--b--\r\n",
    ),
    { headerCharsets: () => [], onWarning: (w) => warnings.push(w) },
  );
  assert.equal(new TextDecoder().decode(root.childNodes[0].content!), "Hello\n");
  assert.deepEqual(warnings, []);
});
