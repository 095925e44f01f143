import assert from "node:assert/strict";
import { parseEmail } from "./parse.ts";
import {
  CUSTOMER_SENTENCE,
  probeFiles,
  probeProblems,
  PROBES_DIR,
} from "../../test/support/mime_probes.ts";

const SHARED = new URL("../../../shared/", import.meta.url);
const DEV = new URL("corpus/dev/", SHARED);
const PUBLIC = new URL("corpus/public/", SHARED);
const ZAMMAD = new URL("zammad/", PUBLIC);
const CPYTHON = new URL("cpython-test_email/", PUBLIC);

interface Label {
  file: string;
  language: "en" | "ru" | "kk";
}

/** The raw header value, unfolded, read independently of lib/mime. */
function rawHeader(raw: Uint8Array, name: string): string | undefined {
  const text = new TextDecoder("latin1").decode(raw);
  const head = text.slice(0, text.search(/\r?\n\r?\n/));
  const m = head.match(new RegExp(`^${name}:([^\\n]*(?:\\n[ \\t][^\\n]*)*)`, "im"));
  return m?.[1].replace(/\r?\n/g, "").trim();
}

const MOJIBAKE = /[ÐÑÃ�]|Â[ -¿]/;

Deno.test("every dev corpus mail parses with its subject, sender and readable body", async () => {
  const labels: Label[] = JSON.parse(Deno.readTextFileSync(new URL("labels.json", DEV)));
  assert.equal(labels.length, 60);
  let withWarnings = 0;
  for (const label of labels) {
    const raw = Deno.readFileSync(new URL(label.file, DEV));
    const email = await parseEmail(raw);
    const where = `${label.file}: ${email.warnings.join("; ")}`;
    if (email.warnings.length) withWarnings++;

    assert.ok(email.subject.length > 0, where);
    assert.doesNotMatch(email.subject, /=\?|[\r\n]/, where);
    assert.doesNotMatch(email.subject, MOJIBAKE, where);
    const rawSubject = rawHeader(raw, "subject") ?? "";
    if (!rawSubject.includes("=?")) {
      assert.equal(email.subject, rawSubject.replace(/\s+/g, " "), where);
    }

    const rawFrom = rawHeader(raw, "from") ?? "";
    const rawAddress = rawFrom.match(/<([^>]+)>/)?.[1] ?? rawFrom.match(/\S+@\S+/)?.[0];
    assert.equal(email.from?.email, rawAddress, where);
    assert.doesNotMatch(email.from?.name ?? "", MOJIBAKE, where);

    // One mail has an empty body and only an attachment; everything else has words.
    if (!email.text) {
      assert.ok(email.attachments.length > 0, `${where}: no text and no attachment`);
      continue;
    }
    assert.doesNotMatch(email.text, MOJIBAKE, where);
    assert.doesNotMatch(email.text, /\r/, where);
    if (label.language === "ru") assert.match(email.text, /[а-яё]{4,}(?:\s+[а-яё]{2,}){3}/i, where);
    if (label.language === "kk") assert.match(email.text, /[а-яёәғқңөұүһі]{4,}/i, where);
    if (label.language === "en") {
      assert.match(email.text, /\b[a-z]{3,}\s+[a-z]{2,}\s+[a-z]{2,}\b/i, where);
    }
  }
  // One corpus mail is deliberately malformed; the parser must notice rather than stay silent.
  assert.ok(withWarnings >= 1, "no dev mail produced a warning");
});

Deno.test("the ~200 KB dev mail is parsed whole", async () => {
  const sizes = [...Deno.readDirSync(DEV)].filter((e) => e.name.endsWith(".eml"))
    .map((e) => ({ name: e.name, size: Deno.statSync(new URL(e.name, DEV)).size }))
    .sort((a, b) => b.size - a.size);
  const largestText = sizes.find((s) => s.size > 150_000);
  assert.ok(largestText);
  const email = await parseEmail(Deno.readFileSync(new URL(largestText.name, DEV)));
  assert.ok(
    email.text.length + email.attachments.reduce((n, a) => n + a.content.length, 0) > 100_000,
  );
});

interface ZammadExpectation {
  from_email: string;
  subject: string | null;
  attachments: string[];
}

// Names Zammad invents for parts that carry none (or for the HTML body it stores as a file):
// we generate our own ("image-1.png", "attachment-1.bin", "message-1.eml") instead.
const ZAMMAD_GENERATED =
  /^(?:message\.html|file|image\.\w+|document\d*\.html|video\d*\.mov|Delivery report\.txt|delivery-status\.txt|Undelivered Message\.eml|\d+\.\d+\.\d+)$/;
const OURS_GENERATED = /^(?:attachment|image|message)-\d+\.\w+$/;

/** Where we deliberately differ from Zammad's expectations, and why. */
const DIFFERENCES: Record<string, string> = {
  "mail018.box": "subject is UTF-7 (+ANw-): we decode it to Ü, Zammad keeps the raw text",
  "mail023.box": "a broken boundary hides a PNG: we recover it as an attachment, Zammad drops it",
  "mail053.box":
    "From is 'MAILER-DAEMON (Mail Delivery System)', no address; Zammad uses the bare word",
  "mail064.box":
    "Zammad's name has decomposed accents re-encoded as mojibake; ours is the decoded name",
  "mail073.box": "Zammad's name contains U+FFFD; ours decodes the umlaut",
  "mail076.box": "From is a broken quoted local part; Zammad keeps the quotes",
  "mail085.box": "HTML parts inside multipart/mixed are body parts to us, attachments to Zammad",
  "mail087.box":
    "From 'Test test@example.com' has no brackets: we take the address, Zammad keeps the name too; an unnamed text part is body to us",
  "mail102.box": "two attachments share a name; Zammad renames the second, we keep names as sent",
  "mail117.box":
    "encoded words inside an addr-spec are not decoded (RFC 2047 §5); Zammad decodes them",
  "mail118.box":
    "encoded words inside an addr-spec are not decoded (RFC 2047 §5); Zammad decodes them",
};

Deno.test("Zammad's mails: sender, decoded subject and attachment names match", async () => {
  const expected: Record<string, ZammadExpectation> = JSON.parse(
    Deno.readTextFileSync(new URL("expected.json", ZAMMAD)),
  );
  const failures: string[] = [];
  for (const [file, want] of Object.entries(expected)) {
    if (DIFFERENCES[file]) continue;
    const email = await parseEmail(Deno.readFileSync(new URL(file, ZAMMAD)));
    const wantFrom = want.from_email.replace(/^"|"$/g, "");
    if ((email.from?.email ?? "") !== wantFrom) {
      failures.push(`${file} from ${email.from?.email} ≠ ${wantFrom}`);
    }
    const wantSubject = (want.subject ?? "").replace(/\s+/g, " ").trim();
    if (email.subject !== wantSubject) {
      failures.push(`${file} subject ${email.subject} ≠ ${wantSubject}`);
    }
    const ours = email.attachments.map((a) => a.filename.normalize("NFC")).filter((n) =>
      !OURS_GENERATED.test(n)
    ).sort();
    const theirs = want.attachments.map((n) => n.normalize("NFC")).filter((n) =>
      !ZAMMAD_GENERATED.test(n)
    ).sort();
    if (JSON.stringify(ours) !== JSON.stringify(theirs)) {
      failures.push(`${file} attachments ${ours} ≠ ${theirs}`);
    }
  }
  assert.deepEqual(failures, []);
  assert.ok(Object.keys(expected).length - Object.keys(DIFFERENCES).length > 100);
});

Deno.test("every file of the public corpora parses without throwing", async () => {
  let count = 0;
  for (const dir of Deno.readDirSync(PUBLIC)) {
    if (!dir.isDirectory) continue;
    for (const entry of Deno.readDirSync(new URL(`${dir.name}/`, PUBLIC))) {
      if (!entry.isFile || /\.(?:yml|json|md)$/.test(entry.name)) continue;
      const email = await parseEmail(
        Deno.readFileSync(new URL(`${dir.name}/${entry.name}`, PUBLIC)),
      );
      assert.equal(typeof email.text, "string");
      count++;
    }
  }
  assert.ok(count > 170, `only ${count} files`);
});

Deno.test("every MIME probe reads with the customer's text once in the description, nothing dropped", async () => {
  const files = probeFiles();
  assert.ok(files.length >= 9, `only ${files.length} probes`);
  const problems: string[] = [];
  for (const file of files) {
    const raw = Deno.readFileSync(new URL(file, PROBES_DIR));
    const email = await parseEmail(raw);
    problems.push(...probeProblems(file, raw, {
      description: email.text,
      attachmentNames: email.attachments.map((a) => a.filename),
      warnings: email.warnings,
    }));
  }
  assert.deepEqual(problems, []);
});

Deno.test("the well-formed probe reads without a warning (the probes' warnings are not noise)", async () => {
  const email = await parseEmail(Deno.readFileSync(new URL("p09-control-valid.eml", PROBES_DIR)));
  assert.equal(email.text, CUSTOMER_SENTENCE);
  assert.deepEqual(email.warnings, []);
});

Deno.test("CPython's odd-but-readable mails have their text in the description", async () => {
  const mirror = "a simple kind of mirror to reflect upon our own";
  const expected: Record<string, string> = {
    // the only text parts are named (inline; filename= / name=): they are the body
    "msg_04.txt": mirror,
    "msg_44.txt": mirror,
    // Content-Type: text (no subtype) is text/plain (RFC 2045 §5.2)
    "msg_14.txt":
      "This message has a Content-Type: header with no subtype. I hope you can still read it.",
    // parts with no blank line after their headers
    "msg_47.txt": "bar",
  };
  for (const [file, text] of Object.entries(expected)) {
    const email = await parseEmail(Deno.readFileSync(new URL(file, CPYTHON)));
    assert.ok(email.text.trim().length > 0, `${file}: empty description`);
    assert.ok(email.text.replace(/\s+/g, " ").includes(text), `${file}: ${email.text}`);
  }
});

Deno.test("public plain-text mails keep their first and last lines in the description", async () => {
  // Read independently of lib/mime: single-part, text/plain (or no Content-Type), no transfer
  // encoding or flowed format, ASCII body — the body as written is what the customer sent.
  const squash = (text: string) => text.replace(/\s+/g, " ").trim();
  let checked = 0;
  const dropped: string[] = [];
  for (const dir of Deno.readDirSync(PUBLIC)) {
    if (!dir.isDirectory) continue;
    for (const entry of Deno.readDirSync(new URL(`${dir.name}/`, PUBLIC))) {
      if (!entry.isFile || /\.(?:yml|json|md)$/.test(entry.name)) continue;
      const raw = Deno.readFileSync(new URL(`${dir.name}/${entry.name}`, PUBLIC));
      const text = new TextDecoder("latin1").decode(raw).replace(/\r\n/g, "\n");
      const cut = text.indexOf("\n\n");
      if (cut < 0 || text.startsWith("From ")) continue;
      const head = text.slice(0, cut).replace(/\n[ \t]+/g, " ");
      const type = /^content-type:(.*)$/im.exec(head)?.[1].trim().toLowerCase() ?? "";
      const encoding = /^content-transfer-encoding:(.*)$/im.exec(head)?.[1].toLowerCase() ?? "";
      const body = text.slice(cut + 2);
      if (type && !/^text\/plain\b/.test(type)) continue;
      // deno-lint-ignore no-control-regex -- ASCII bodies only: no charset guesswork here
      if (/flowed/.test(type) || /base64|quoted/.test(encoding) || /[^\x00-\x7f]/.test(body)) {
        continue;
      }
      const prose = body.split("\n").filter((l) => /[a-z]{3,} [a-z]{2,}/i.test(l));
      if (!prose.length) continue;
      checked++;
      const email = await parseEmail(raw);
      for (const line of [prose[0], prose[prose.length - 1]]) {
        if (!squash(email.text).includes(squash(line))) {
          dropped.push(`${dir.name}/${entry.name}: ${JSON.stringify(line)}`);
        }
      }
    }
  }
  assert.deepEqual(dropped, []);
  assert.ok(checked >= 10, `only ${checked} plain-text mails checked`);
});
