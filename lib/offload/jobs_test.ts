import assert from "node:assert/strict";
import { runJob, transferablesOf } from "./jobs.ts";
import type { ParsedEmail } from "../mime/types.ts";
import { parseEmail } from "../mime/parse.ts";

/** A parsed mail whose attachments are `contents`. */
async function withAttachments(contents: Uint8Array[]): Promise<ParsedEmail> {
  const parsed = await parseEmail(new TextEncoder().encode("Subject: photos\r\n\r\nSee attached."));
  parsed.attachments = contents.map((content, i) => ({
    filename: `f${i}`,
    contentType: "application/octet-stream",
    content,
    disposition: "attachment",
    related: false,
  }));
  return parsed;
}

Deno.test("attachment bytes that are views into a shared buffer get buffers of their own", async () => {
  const shared = new Uint8Array([1, 2, 3, 4, 5, 6]);
  const parsed = await withAttachments([shared.subarray(0, 2), shared.subarray(2, 6)]);
  const buffers = transferablesOf("parse", parsed);
  assert.deepStrictEqual(buffers.length, 2);
  assert.deepStrictEqual([...parsed.attachments[0].content], [1, 2]);
  assert.deepStrictEqual([...parsed.attachments[1].content], [3, 4, 5, 6]);
  for (const a of parsed.attachments) {
    assert.notStrictEqual(a.content.buffer, shared.buffer);
    assert.deepStrictEqual(a.content.byteLength, a.content.buffer.byteLength);
  }
});

Deno.test("two attachments on one buffer are not both moved with it", async () => {
  const whole = new Uint8Array([7, 8]);
  const parsed = await withAttachments([whole, whole]);
  const buffers = transferablesOf("parse", parsed);
  assert.deepStrictEqual(new Set(buffers).size, buffers.length);
  assert.deepStrictEqual(buffers.length, 2);
});

Deno.test("an analysis moves no buffers", async () => {
  const analysis = await runJob("analyze", {
    subject: "App crashes at checkout",
    body: "The app crashes every time I pay.",
    attachmentsText: [],
    from: "",
    receivedAt: "2026-09-07T05:00:00.000Z",
  });
  assert.ok(analysis.category.length > 0);
  assert.deepStrictEqual(transferablesOf("analyze", analysis), []);
});
