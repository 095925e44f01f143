import assert from "node:assert/strict";
import { HttpError } from "../http/errors.ts";
import { capPageBody, PAGE_BODY_MAX_BYTES, readPageForm } from "./page_body.ts";

const FORM = { "content-type": "application/x-www-form-urlencoded" };

/** An endless form body that counts how many bytes anyone pulled from it. */
function endlessForm(): { body: ReadableStream<Uint8Array>; pulled(): number } {
  let pulled = 0;
  const chunk = new TextEncoder().encode("a".repeat(16 * 1024));
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulled += chunk.length;
      controller.enqueue(chunk.slice());
    },
  });
  return { body, pulled: () => pulled };
}

async function status(fn: () => unknown): Promise<number> {
  try {
    await fn();
  } catch (err) {
    assert.ok(err instanceof HttpError, String(err));
    return err.status;
  }
  return 0;
}

Deno.test("a small form reads through the cap; a non-form body is not read as one", async () => {
  const form = await readPageForm(
    capPageBody(new Request("http://h/x", { method: "POST", headers: FORM, body: "_csrf=t&a=1" })),
  );
  assert.equal(form?.get("_csrf"), "t");
  assert.equal(form?.get("a"), "1");
  const json = new Request("http://h/x", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: "{}",
  });
  assert.equal(await readPageForm(json), null);
});

Deno.test("a declared Content-Length over the cap is refused with 413 before reading a byte", async () => {
  const endless = endlessForm();
  const req = new Request("http://h/login", {
    method: "POST",
    headers: { ...FORM, "content-length": String(100 * 1024 * 1024) },
    body: endless.body,
  });
  assert.equal(await status(() => capPageBody(req)), 413);
  assert.ok(endless.pulled() <= 16 * 1024, `pulled ${endless.pulled()} bytes`);
});

Deno.test("an undeclared endless form stops at the cap with 413, whoever reads it", async () => {
  for (const read of [(r: Request) => readPageForm(r), (r: Request) => r.formData()]) {
    const endless = endlessForm();
    const req = capPageBody(
      new Request("http://h/login", { method: "POST", headers: FORM, body: endless.body }),
    );
    await assert.rejects(() => read(req));
    assert.ok(
      endless.pulled() <= PAGE_BODY_MAX_BYTES + 64 * 1024,
      `pulled ${endless.pulled()} bytes`,
    );
  }
  const endless = endlessForm();
  const req = capPageBody(
    new Request("http://h/login", { method: "POST", headers: FORM, body: endless.body }),
  );
  assert.equal(await status(() => readPageForm(req)), 413);
});

Deno.test("readPageForm caps an uncapped request too", async () => {
  const endless = endlessForm();
  const req = new Request("http://h/login", { method: "POST", headers: FORM, body: endless.body });
  assert.equal(await status(() => readPageForm(req)), 413);
  assert.ok(endless.pulled() <= PAGE_BODY_MAX_BYTES + 64 * 1024, `pulled ${endless.pulled()}`);
});
