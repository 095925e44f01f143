import assert from "node:assert/strict";
import { ingestResponse } from "./respond.ts";
import { makeComplaint } from "../../test/support/complaints.ts";

Deno.test("a created complaint is 201 with its summary", () => {
  const c = makeComplaint({ status: "new", category: "billing", priority: "high" });
  assert.deepEqual(ingestResponse({ kind: "created", complaint: c }), {
    status: 201,
    body: { id: c.id, status: "new", category: "billing", priority: "high", processing: "done" },
  });
});

Deno.test("an accepted message is 202 with only its id", () => {
  assert.deepEqual(ingestResponse({ kind: "accepted", id: "abc", key: "mid:a/b@x" }), {
    status: 202,
    body: {
      id: "abc",
      status: "processing",
      processed: "/functions/v1/api/processed-emails/mid%3Aa%2Fb%40x",
    },
  });
});

Deno.test("a message seen before is 200 marked existing, with its summary", () => {
  const c = makeComplaint({
    status: "resolved",
    priority: "low",
    processing: { state: "failed", attempts: 2 },
  });
  assert.deepEqual(ingestResponse({ kind: "existing", id: c.id, complaint: c }), {
    status: 200,
    body: {
      id: c.id,
      status: "resolved",
      category: c.category,
      priority: "low",
      processing: "failed",
      existing: true,
    },
  });
});

Deno.test("a message seen before but still processing is 200 'processing'", () => {
  assert.deepEqual(ingestResponse({ kind: "existing", id: "x1", complaint: null }), {
    status: 200,
    body: { id: "x1", status: "processing", existing: true },
  });
});

Deno.test("the summary leaves out the customer's text and personal data", () => {
  const c = makeComplaint({ description: "secret body", subject: "secret subject" });
  const text = JSON.stringify(ingestResponse({ kind: "created", complaint: c }).body);
  assert.ok(!text.includes("secret") && !text.includes(c.customer.email), text);
});
