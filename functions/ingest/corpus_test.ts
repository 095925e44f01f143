import assert from "node:assert/strict";
import { startTestApp } from "../../test/support/app.ts";
import type { Complaint } from "../../lib/schema/complaint.ts";
import { probeFiles, probeProblems, PROBES_DIR } from "../../test/support/mime_probes.ts";

const DEV = new URL("../../../shared/corpus/dev/", import.meta.url);
const MOJIBAKE = /Ð|Ñ|Ã|â€|�|=\?[\w-]+\?[bq]\?/i;

interface Label {
  file: string;
  language: string;
  expect: string;
}

/** The From address as written in the raw header (unfolded), for an independent check. */
function rawFromAddress(raw: string): string {
  const head = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, " ");
  const from = /^from:(.*)$/im.exec(head)?.[1] ?? "";
  const angle = /<([^<>@\s]+@[^<>\s]+)>/.exec(from);
  const bare = /([^\s<>"(),;:]+@[^\s<>"(),;:]+)/.exec(from);
  return (angle?.[1] ?? bare?.[1] ?? "").toLowerCase();
}

Deno.test("every dev-corpus email ingests as labelled: complaint, duplicate, thread reply or ignored, decoded", async () => {
  const labels: Label[] = JSON.parse(await Deno.readTextFile(new URL("labels.json", DEV)));
  const app = await startTestApp();
  const ids = new Map<string, string>();
  try {
    for (const label of labels) {
      const bytes = await Deno.readFile(new URL(label.file, DEV));
      const res = await app.ingest(bytes);
      assert.ok(res.status === 201 || res.status === 200, `${label.file}: status ${res.status}`);
      const body = await res.json();
      const [expect, target] = label.expect.split(":");
      if (expect === "ignore") {
        assert.match(body.ignored ?? "", new RegExp(target.replace("-", ".?")), label.file);
        assert.equal(body.id, undefined);
        continue;
      }
      if (expect === "thread-reply") {
        assert.equal(body.threaded, true, `${label.file}: not threaded (${JSON.stringify(body)})`);
        assert.equal(body.id, ids.get(target), `${label.file}: joined the wrong complaint`);
        const joined = await (await app.api(`/complaints/${body.id}`)).json() as Complaint;
        assert.ok(joined.messages.some((m) => m.subject && m.from), label.file);
        continue;
      }
      assert.equal(res.status, 201, label.file);
      if (expect === "duplicate") {
        assert.equal(body.status, "duplicate", `${label.file}: not a duplicate`);
        assert.equal(body.duplicateOf, ids.get(target), `${label.file}: wrong original`);
        const original = await (await app.api(`/complaints/${ids.get(target)}`)).json();
        assert.ok(original.relatedComplaints.includes(body.id), label.file);
      } else {
        assert.notEqual(
          body.status,
          "duplicate",
          `${label.file}: false duplicate of ${body.duplicateOf}`,
        );
      }
      const { id } = body;
      ids.set(label.file, id);
      const c = await (await app.api(`/complaints/${id}`)).json() as Complaint;
      const raw = new TextDecoder("latin1").decode(bytes);
      assert.equal(c.processing.state, "done", `${label.file}: ${c.processing.lastError}`);
      assert.equal(c.customer.email, rawFromAddress(raw), `${label.file}: sender`);
      assert.ok(c.subject.trim().length > 0, `${label.file}: empty subject`);
      assert.doesNotMatch(c.subject, MOJIBAKE, `${label.file}: subject "${c.subject}"`);
      const text = [c.description, ...c.attachments.map((a) => a.extractedText)].join("\n");
      assert.ok(
        c.description.trim().length > 0 || c.attachments.length > 0,
        `${label.file}: neither body text nor attachments`,
      );
      assert.doesNotMatch(c.description, /�|Ð[\x80-\xbf]|Ñ[\x80-\xbf]/, `${label.file}: mojibake`);
      if (text.trim() === "") {
        assert.ok(c.attachments.length > 0, `${label.file}: no text and no attachments`);
      } else if (label.language === "ru" || label.language === "kk") {
        assert.match(
          text,
          /[а-яё]{4,}/i,
          `${label.file}: no Cyrillic words in ${label.language} mail`,
        );
      } else {
        assert.match(text, /[a-z]{4,}/i, `${label.file}: no Latin words`);
      }
    }
    const stats = await (await app.api("/stats")).json();
    const complaints = labels.filter((l) => /^(complaint|duplicate)/.test(l.expect)).length;
    assert.equal(stats.total, complaints);
  } finally {
    await app.stop();
  }
});

Deno.test("every MIME probe ingests into a complaint whose description holds the customer's text once", async () => {
  const app = await startTestApp();
  const problems: string[] = [];
  try {
    const files = probeFiles();
    assert.ok(files.length >= 9, `only ${files.length} probes`);
    for (const file of files) {
      const raw = await Deno.readFile(new URL(file, PROBES_DIR));
      const res = await app.ingest(raw);
      const body = await res.json();
      assert.equal(res.status, 201, `${file}: ${JSON.stringify(body)}`);
      const c = await (await app.api(`/complaints/${body.id}`)).json() as Complaint;
      problems.push(...probeProblems(file, raw, {
        description: c.description,
        attachmentNames: c.attachments.map((a) => a.filename),
        warnings: c.parseWarnings,
      }));
    }
  } finally {
    await app.stop();
  }
  assert.deepEqual(problems, []);
});
