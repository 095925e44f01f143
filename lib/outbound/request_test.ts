import assert from "node:assert/strict";
import { readReplyRequest } from "./request.ts";
import { InvalidError } from "../errors.ts";

const limits = { ATTACHMENTS_MAX_BYTES: 100, ATTACHMENTS_MAX_COUNT: 2 };
const json = (body: unknown) =>
  new Request("http://x/", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });

Deno.test("a JSON reply is read with its base64 files", async () => {
  const draft = await readReplyRequest(
    json({ text: "hi", attachments: [{ filename: "a.txt", contentBase64: btoa("abc") }] }),
    limits,
  );
  assert.equal(draft.text, "hi");
  assert.equal(draft.attachments?.[0].contentType, "application/octet-stream");
  assert.deepEqual([...draft.attachments![0].content], [97, 98, 99]);
});

Deno.test("a form reply is read with its files", async () => {
  const form = new FormData();
  form.set("text", "see file");
  form.append("files", new File(["xyz"], "x.txt", { type: "text/plain" }));
  const draft = await readReplyRequest(
    new Request("http://x/", { method: "POST", body: form }),
    limits,
  );
  assert.equal(draft.text, "see file");
  assert.equal(draft.attachments?.[0].filename, "x.txt");
});

Deno.test("unknown fields, too many or too large files and other media types are invalid", async () => {
  await assert.rejects(
    () => readReplyRequest(json({ text: "hi", to: "x@evil" }), limits),
    InvalidError,
  );
  const file = (n: number) => ({ filename: "f", contentBase64: btoa("x".repeat(n)) });
  await assert.rejects(
    () => readReplyRequest(json({ text: "hi", attachments: [file(1), file(1), file(1)] }), limits),
    /At most 2 files/,
  );
  await assert.rejects(
    () => readReplyRequest(json({ text: "hi", attachments: [file(60), file(60)] }), limits),
    /exceed 100 bytes/,
  );
  await assert.rejects(
    () => readReplyRequest(new Request("http://x/", { method: "POST", body: "hi" }), limits),
    (e: unknown) => e instanceof InvalidError && e.code === "unsupported_media_type",
  );
});
