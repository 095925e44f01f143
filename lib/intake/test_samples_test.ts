import assert from "node:assert/strict";
import { TEST_SAMPLES } from "./test_samples.ts";
import { manualSubmissionSchema } from "../pipeline/manual.ts";

Deno.test("the /test samples cover three cases, each with a valid email and content", () => {
  assert.equal(TEST_SAMPLES.length, 3);
  for (const s of TEST_SAMPLES) {
    assert.match(s.customer_email, /^[^@\s]+@[^@\s]+\.[a-z]+$/);
    assert.ok(s.subject.length > 5 && s.content.length > 50, s.label);
  }
  assert.ok(TEST_SAMPLES.some((s) => /[а-я]/i.test(s.content)), "one sample is in Russian");
  assert.equal(new Set(TEST_SAMPLES.map((s) => s.label)).size, 3);
});

Deno.test("every /test sample is a manual submission process-manual accepts as it is", () => {
  for (const { label, ...submission } of TEST_SAMPLES) {
    const parsed = manualSubmissionSchema.safeParse(submission);
    assert.ok(parsed.success, `${label}: ${parsed.error?.message}`);
    assert.equal(parsed.data.content, submission.content, `${label}: sent as it is`);
  }
});
