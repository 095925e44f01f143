import assert from "node:assert/strict";
import { htmlToText, normalizeText, sanitizeEmailHtml } from "./html.ts";

const HOSTILE = new URL("../../../shared/hostile/", import.meta.url);

function payloads(): string[] {
  const files = ["payloadbox-xss/xss-payload-list.txt"];
  for (const entry of Deno.readDirSync(new URL("payloadsallthethings-xss/", HOSTILE))) {
    if (entry.isFile && entry.name.endsWith(".txt")) {
      files.push(`payloadsallthethings-xss/${entry.name}`);
    }
  }
  return files.flatMap((f) => Deno.readTextFileSync(new URL(f, HOSTILE)).split("\n")).filter((l) =>
    l.trim()
  );
}

function decodeEntities(value: string): string {
  return value
    .replace(/&#x([0-9a-f]+);?/gi, (_, h) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);?/g, (_, d) => String.fromCodePoint(Number(d)))
    .replace(/&colon;/gi, ":").replace(/&tab;|&newline;/gi, "")
    .replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

/** Every reason the sanitized output would be unsafe for innerHTML. */
function problems(out: string): string[] {
  const found: string[] = [];
  if (/<\s*script/i.test(out)) found.push("<script");
  if (/<\s*(iframe|object|embed|form|frame|frameset|base|meta|link|style|svg|math)\b/i.test(out)) {
    found.push("forbidden tag");
  }
  for (const tag of out.match(/<[a-z][^>]*>/gi) ?? []) {
    // sanitize-html quotes every value and escapes quotes inside it, so this pairs names with values.
    const attrs = [...tag.matchAll(/\s([^\s="'>/]+)(?:="([^"]*)")?/g)];
    for (const m of attrs) {
      if (/^on/i.test(m[1])) found.push(`event handler in ${tag}`);
      if (m[2] === undefined) continue;
      // deno-lint-ignore no-control-regex
      const value = decodeEntities(m[2]).replace(/[\s\u0000-\u001f]+/g, "").toLowerCase();
      const isUrl = /^(?:href|src|action|formaction|xlink:href|background|poster|cite|data)$/i.test(
        m[1],
      );
      if (isUrl && /javascript:|vbscript:|livescript:|data:text|data:image\/svg/.test(value)) {
        found.push(`script URL in ${tag}`);
      }
      if (m[1] === "style" && /expression\(|url\(|behavior|-moz-binding|@import/.test(value)) {
        found.push(`css in ${tag}`);
      }
    }
  }
  return found;
}

Deno.test("sanitizer output for every public XSS payload has no script, handler, script URL or frame", () => {
  const list = payloads();
  assert.ok(list.length > 5000, `only ${list.length} payloads loaded`);
  const failures: string[] = [];
  for (const payload of list) {
    const found = problems(sanitizeEmailHtml(payload));
    if (found.length) failures.push(`${payload} → ${found.join(", ")}`);
  }
  assert.deepEqual(failures.slice(0, 10), []);
});

Deno.test("the problem detector itself flags unsanitized payloads", () => {
  assert.ok(problems('<img src=x onerror="alert(1)">').length);
  assert.ok(problems('<a href="jav&#x09;ascript:alert(1)">x</a>').length);
  assert.ok(problems("<iframe src=x>").length);
});

Deno.test("keeps ordinary formatting, links and harmless inline styles", () => {
  const out = sanitizeEmailHtml(
    '<p style="color: red; background: url(http://x/y.png)"><b>Hi</b> <a href="https://shop.kz/o?id=1">order</a></p><table><tr><td>1</td></tr></table>',
  );
  assert.match(out, /<p style="color:red">/);
  assert.match(
    out,
    /<a href="https:\/\/shop\.kz\/o\?id=1" target="_blank" rel="noopener noreferrer nofollow">order<\/a>/,
  );
  assert.match(out, /<table><tr><td>1<\/td><\/tr><\/table>/);
  assert.doesNotMatch(out, /url\(/);
});

Deno.test("remote images lose src, cid images become data-cid, small data images stay", () => {
  const out = sanitizeEmailHtml(
    '<img src="https://tracker.example/p.gif" alt="logo"><img src="cid:image001.png@01DB"><img src="data:image/png;base64,iVBORw0KGgo=">',
  );
  assert.match(out, /<img alt="logo" \/>/);
  assert.match(out, /<img data-cid="image001.png@01DB" \/>/);
  assert.match(out, /<img src="data:image\/png;base64,iVBORw0KGgo=" \/>/);
  assert.doesNotMatch(out, /tracker\.example/);
});

Deno.test("htmlToText keeps paragraphs, link targets and no markup", () => {
  const text = htmlToText(
    "<html><head><style>p{color:red}</style></head><body><h1>Title</h1><p>Hello <a href='https://x.kz'>site</a></p><p>Line&nbsp;two<br>three</p><script>evil()</script></body></html>",
  );
  assert.equal(text, "Title\n\nHello site [https://x.kz]\n\nLine two\nthree");
});

Deno.test("htmlToText survives every naughty string and deep nesting", () => {
  const blns: string[] = JSON.parse(Deno.readTextFileSync(new URL("blns/blns.json", HOSTILE)));
  assert.ok(blns.length > 400);
  for (const s of blns) {
    assert.equal(typeof htmlToText(s), "string");
    assert.equal(typeof sanitizeEmailHtml(s), "string");
  }
  const deep = "<div>".repeat(20000) + "deep text" + "</div>".repeat(20000);
  assert.equal(typeof htmlToText(deep), "string");
});

Deno.test("normalizeText turns CRLF into LF and trims trailing whitespace", () => {
  assert.equal(normalizeText("a  \r\nb\t\r\n\r\n\r\n\r\n\r\nc \r\n"), "a\nb\n\n\nc");
});

Deno.test("very large HTML is not kept for display and is read by a plain strip, quickly", async () => {
  const { MAX_HTML_CHARS, decodeEntities } = await import("./html.ts");
  const para = "<p>Order ORD-1 &amp; order ORD-2 <script>x()</script><b>broken</b></p>";
  const html = para.repeat(Math.ceil((MAX_HTML_CHARS + 1) / para.length));
  assert.equal(sanitizeEmailHtml(html), "");
  const started = performance.now();
  const text = htmlToText(html);
  assert.ok(performance.now() - started < 5000, "bounded time");
  assert.ok(text.startsWith("Order ORD-1 & order ORD-2"), text.slice(0, 80));
  assert.ok(!text.includes("x()") && !text.includes("<"));
  assert.equal(decodeEntities("&lt;&#1046;&#x416;&nbsp;&bogus;"), "<ЖЖ &bogus;");
});
