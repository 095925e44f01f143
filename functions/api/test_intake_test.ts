import assert from "node:assert/strict";
import { sampleEmail, withTestApp } from "../../test/support/app.ts";

Deno.test("process-manual with attachments stores them on the complaint with their text read", () =>
  withTestApp(async (app) => {
    const res = await app.api("/process-manual", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        customer_email: "anna@example.test",
        subject: "Receipt",
        content: "The receipt for order ZE-2026-031842 is attached.",
        attachments: [{
          filename: "receipt.txt",
          content_type: "text/plain",
          content: btoa("Paid 459.00 EUR for the standing desk"),
        }],
      }),
    });
    assert.equal(res.status, 201);
    const { id } = await res.json();
    const c = await (await app.api(`/complaints/${id}`)).json();
    assert.deepEqual(
      c.attachments.map((a: { filename: string; contentType: string }) => [
        a.filename,
        a.contentType,
      ]),
      [["receipt.txt", "text/plain"]],
    );
    assert.match(c.attachments[0].extractedText, /standing desk/);
    assert.equal(c.description.trim(), "The receipt for order ZE-2026-031842 is attached.");
  }));

Deno.test("process-manual refuses attachments that are not base64 with a 422", () =>
  withTestApp(async (app) => {
    const res = await app.api("/process-manual", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        customer_email: "anna@example.test",
        content: "x",
        attachments: [{ filename: "a.txt", content: "not base64!" }],
      }),
    });
    assert.equal(res.status, 422);
    assert.match((await res.json()).error.message, /attachments/);
  }));

Deno.test("process-eml takes a raw .eml through the pipeline: 201 with the analysis; the same file again is the same complaint", () =>
  withTestApp(async (app) => {
    const raw = sampleEmail({ subject: "Order ORD-777 never arrived", body: "Where is ORD-777?" });
    const post = () =>
      app.api("/process-eml", {
        method: "POST",
        headers: { "content-type": "message/rfc822" },
        body: raw,
      });
    const res = await post();
    assert.equal(res.status, 201);
    const created = await res.json();
    assert.ok(created.category && created.priority);
    const c = await (await app.api(`/complaints/${created.id}`)).json();
    assert.equal(c.subject, "Order ORD-777 never arrived");
    assert.equal(c.customer.email, "aida@example.test");
    assert.equal(c.source, "manual");
    const again = await post();
    assert.equal(again.status, 200);
    const body = await again.json();
    assert.equal(body.id, created.id);
    assert.equal(body.existing, true);
  }));

Deno.test("process-eml refuses another content type (415) and an empty file (422)", () =>
  withTestApp(async (app) => {
    const json = await app.api("/process-eml", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    assert.equal(json.status, 415);
    await json.body?.cancel();
    const empty = await app.api("/process-eml", {
      method: "POST",
      headers: { "content-type": "message/rfc822" },
      body: "",
    });
    assert.equal(empty.status, 422);
    await empty.body?.cancel();
  }));
