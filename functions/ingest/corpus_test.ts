import assert from "node:assert/strict";
import { startTestApp } from "../../test/support/app.ts";
import type { Complaint } from "../../lib/schema/complaint.ts";

const DEV = new URL("../../../shared/corpus/dev/", import.meta.url);
const MOJIBAKE = /Ð|Ñ|Ã|â€|�|=\?[\w-]+\?[bq]\?/i;

interface Label {
  file: string;
  language: string;
}

/** The From address as written in the raw header (unfolded), for an independent check. */
function rawFromAddress(raw: string): string {
  const head = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, " ");
  const from = /^from:(.*)$/im.exec(head)?.[1] ?? "";
  const angle = /<([^<>@\s]+@[^<>\s]+)>/.exec(from);
  const bare = /([^\s<>"(),;:]+@[^\s<>"(),;:]+)/.exec(from);
  return (angle?.[1] ?? bare?.[1] ?? "").toLowerCase();
}

Deno.test("every dev-corpus email ingests with its sender, a decoded subject and body text", async () => {
  const labels: Label[] = JSON.parse(await Deno.readTextFile(new URL("labels.json", DEV)));
  const app = await startTestApp();
  try {
    for (const label of labels) {
      const bytes = await Deno.readFile(new URL(label.file, DEV));
      const res = await app.ingest(bytes);
      assert.ok(res.status === 201 || res.status === 200, `${label.file}: status ${res.status}`);
      const { id } = await res.json();
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
    assert.ok(stats.total >= labels.length - 5, "resends may share a complaint, but not many");
  } finally {
    await app.stop();
  }
});
