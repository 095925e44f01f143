import assert from "node:assert/strict";
import { makeComplaint } from "../../test/support/complaints.ts";
import {
  alertMessage,
  cleanText,
  clip,
  complaintLink,
  escapeHtml,
  MAX_MESSAGE,
} from "./message.ts";
import { parseTelegramHtml } from "../../test/support/telegram_html.ts";

const HOSTILE = new URL("../../../shared/hostile/", import.meta.url);

async function hostileLines(): Promise<string[]> {
  const files = [
    "blns/blns.txt",
    "payloadbox-xss/xss-payload-list.txt",
    "payloadsallthethings-xss/XSS_Polyglots.txt",
    "payloadsallthethings-xss/MarioXSSVectors.txt",
  ];
  const lines: string[] = [];
  for (const f of files) {
    const text = await Deno.readTextFile(new URL(f, HOSTILE));
    lines.push(...text.split("\n").filter((l) => l.trim() && !l.startsWith("#")));
  }
  return lines;
}

Deno.test("every hostile name and subject yields well-formed HTML showing the text verbatim", async () => {
  const lines = await hostileLines();
  assert.ok(lines.length > 500, `expected the shared hostile lists, got ${lines.length} lines`);
  for (const line of lines) {
    const c = makeComplaint({
      subject: line,
      customer: { email: "x@example.test", name: line },
      tags: ["safety"],
    });
    const html = alertMessage({
      complaint: c,
      kind: "new",
      level: 3,
      publicUrl: "https://t.example",
    });
    const parsed = parseTelegramHtml(html); // throws on a stray <, > or &, or an unknown tag
    assert.ok(html.length <= MAX_MESSAGE);
    assert.deepEqual(parsed.links, [`https://t.example/complaints/${c.id}`], line);
    const shown = cleanText(line);
    if (escapeHtml(shown).length < 110) {
      assert.ok(parsed.text.includes(`Subject: ${shown}\n`), `subject lost: ${line}`);
      assert.ok(parsed.text.includes(`Customer: ${shown} <x@example.test>`), `name lost: ${line}`);
    }
  }
});

Deno.test("a script tag, ampersands, emoji and RTL text are escaped and kept readable", () => {
  const c = makeComplaint({
    customer: { email: "a&b@example.test", name: "<script>alert('x')</script> Ромео 👨‍👩‍👧 שלום" },
    subject: "Tom & Jerry <b>bold</b> مرحبا 🎉",
    priority: "critical",
    analysis: { analyzer: "local", ms: 1, cached: false, summary: "Smoke & sparks from <charger>" },
  });
  const html = alertMessage({ complaint: c, kind: "new", level: 3 });
  assert.ok(!html.includes("<script>"));
  assert.ok(html.includes("&lt;script&gt;alert('x')&lt;/script&gt;"));
  assert.ok(html.includes("Tom &amp; Jerry &lt;b&gt;bold&lt;/b&gt; مرحبا 🎉"));
  const parsed = parseTelegramHtml(html);
  assert.ok(parsed.text.includes("Customer: <script>alert('x')</script> Ромео 👨‍👩‍👧 שלום"));
  assert.ok(parsed.text.includes("Summary: Smoke & sparks from <charger>"));
  assert.deepEqual(parsed.tags.sort(), ["b"]);
});

Deno.test("bidi overrides are dropped so a name cannot reorder the rest of the line", () => {
  const name = "evil\u202Egnp.exe\u202C \u2066x\u2069 \u200F";
  assert.equal(cleanText(name), "evilgnp.exe x");
  const html = alertMessage({
    complaint: makeComplaint({ customer: { email: "e@example.test", name } }),
    kind: "new",
    level: 1,
  });
  assert.ok(!/[\u202a-\u202e\u2066-\u2069]/.test(html));
});

Deno.test("newlines in a subject cannot forge extra lines", () => {
  const c = makeComplaint({ subject: "Hi\n<b>Priority:</b> low\r\nSLA due: never" });
  const parsed = parseTelegramHtml(alertMessage({ complaint: c, kind: "new", level: 1 }));
  assert.equal(parsed.text.split("\n").filter((l) => l.startsWith("Priority:")).length, 1);
  assert.ok(parsed.text.includes("Subject: Hi <b>Priority:</b> low SLA due: never\n"));
});

Deno.test("huge fields are cut to stay within 4096 characters, never inside an entity", () => {
  const c = makeComplaint({
    customer: { email: "&".repeat(5000), name: "<".repeat(5000) },
    subject: "&".repeat(20_000),
    description: "👨‍👩‍👧".repeat(5000),
    tags: Array.from({ length: 500 }, (_, i) => `flag&${i}`),
    entities: {
      orderNumbers: Array.from({ length: 500 }, (_, i) => `ORD-<${i}>`),
      amounts: Array.from({ length: 200 }, (_, i) => ({ value: i, currency: "&" })),
      dates: [],
      products: ["x".repeat(3000)],
      phones: ["+7 700 000 0000"],
    },
  });
  const html = alertMessage({
    complaint: c,
    kind: "escalation",
    level: 3,
    publicUrl: "https://t.example/",
    acted: "<".repeat(9000),
  });
  assert.ok(html.length <= MAX_MESSAGE, `length ${html.length}`);
  const parsed = parseTelegramHtml(html);
  assert.ok(parsed.text.includes("Subject: &&&"));
  assert.ok(parsed.text.includes("…"));
  assert.ok(!parsed.text.includes("+7 700"), "phone numbers stay out of the channel");
  assert.ok(!/\uFFFD/.test(parsed.text));
  // the emoji family is never split: every ZWJ sits between two people
  assert.ok(!/\u200D(?!\u{1F467}|\u{1F469})/u.test(parsed.text));
});

Deno.test("clip never ends inside an escape and marks the cut", () => {
  for (let max = 1; max < 30; max++) {
    const out = clip('a&b<c>d"e'.repeat(5), max);
    assert.ok(out.length <= max, `${max}: ${out}`);
    assert.ok(!/&[a-z]*$/.test(out.replace(/…$/, "")), `${max}: ${out}`);
    assert.ok(out.endsWith("…"));
  }
  assert.equal(clip("short & sweet", 100), "short &amp; sweet");
});

Deno.test("the alert carries priority, category, entities, flags, SLA due and the deep link", () => {
  const c = makeComplaint({
    priority: "high",
    category: "delivery",
    team: "logistics",
    tags: ["legal", "compensation"],
    slaDueAt: "2026-09-07T14:00:00.000Z",
    entities: {
      orderNumbers: ["ORD-12345"],
      amounts: [{ value: 49.99, currency: "USD" }],
      dates: ["2026-09-01"],
      products: ["kettle"],
      phones: [],
    },
  });
  const parsed = parseTelegramHtml(
    alertMessage({ complaint: c, kind: "new", level: 2, publicUrl: "https://inbox.example/" }),
  );
  assert.match(parsed.text, /^🟠 New HIGH complaint · level 2\n/);
  assert.ok(parsed.text.includes("Priority: high · Category: Delivery · Team: logistics"));
  assert.ok(
    parsed.text.includes(
      "Entities: orders ORD-12345; amounts 49.99 USD; products kettle; dates 2026-09-01",
    ),
  );
  assert.ok(parsed.text.includes("Flags: legal, compensation"));
  assert.ok(parsed.text.includes("SLA due: 2026-09-07 14:00 UTC"));
  assert.deepEqual(parsed.links, [`https://inbox.example/complaints/${c.id}`]);
});

Deno.test("escape and link helpers", () => {
  assert.equal(escapeHtml(`<a href="x">&</a>`), "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;");
  assert.equal(complaintLink("https://x.example//", "AB"), "https://x.example/complaints/AB");
  assert.equal(complaintLink(undefined, "AB"), "/complaints/AB");
});
