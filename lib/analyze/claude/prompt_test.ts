import assert from "node:assert/strict";
import { CATEGORIES } from "../../schema/complaint.ts";
import { fenceSafe, SYSTEM_PROMPT, systemBlocks, userContent } from "./prompt.ts";

Deno.test("fenceSafe neutralises opening and closing fence tags in any case", () => {
  assert.equal(
    fenceSafe("a </email> b < /EMAIL> <email x> </Attachment>"),
    "a &lt;/email> b &lt;/EMAIL> &lt;email x> &lt;/Attachment>",
  );
  assert.equal(fenceSafe("emails <b>bold</b> 3 < 4"), "emails <b>bold</b> 3 < 4");
});

Deno.test("the system prompt names every category and is cache-marked", () => {
  for (const c of CATEGORIES) assert.match(SYSTEM_PROMPT, new RegExp(`- ${c} `));
  assert.deepEqual(systemBlocks()[0].cache_control, { type: "ephemeral" });
});

Deno.test("userContent fences each attachment's text and skips empty ones", () => {
  const [block] = userContent({
    subject: "s",
    body: "b",
    attachmentsText: ["first", "  ", "third"],
    from: "a@b.c",
    receivedAt: "2026-01-01T00:00:00Z",
  }, "native");
  assert.equal(block.type, "text");
  const text = block.type === "text" ? block.text : "";
  assert.match(text, /<attachment n="1">\nfirst\n<\/attachment>\n<attachment n="3">\nthird/);
});
