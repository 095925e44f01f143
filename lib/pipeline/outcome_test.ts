import assert from "node:assert/strict";
import { makeComplaint } from "../../test/support/complaints.ts";
import { complaintOutcome, outcomeFields } from "./outcome.ts";

const NOW = new Date("2026-09-07T12:00:00.000Z");

Deno.test("a complaint's outcome is created, duplicate (naming the original) or failed (with the error)", () => {
  const created = makeComplaint();
  assert.deepEqual(outcomeFields(complaintOutcome(created), NOW), {
    complaintId: created.id,
    outcome: "created",
    reason: undefined,
    updatedAt: NOW.toISOString(),
  });
  const dup = makeComplaint({ duplicateOf: "orig-1", status: "duplicate" });
  assert.equal(complaintOutcome(dup).kind, "duplicate");
  assert.equal(outcomeFields(complaintOutcome(dup), NOW).reason, "duplicate of orig-1");
  const failed = makeComplaint({ processing: { state: "failed", attempts: 1, lastError: "down" } });
  const f = outcomeFields(complaintOutcome(failed), NOW);
  assert.equal(f.outcome, "failed");
  assert.equal(f.reason, "down");
});

Deno.test("an ignored message has no complaint; a thread reply names the complaint it joined", () => {
  assert.deepEqual(outcomeFields({ kind: "ignored", reason: "bulk" }, NOW), {
    complaintId: null,
    outcome: "ignored",
    reason: "bulk",
    updatedAt: NOW.toISOString(),
  });
  const c = makeComplaint();
  const t = outcomeFields({ kind: "threaded", complaint: c }, NOW);
  assert.equal(t.complaintId, c.id);
  assert.equal(t.outcome, "threaded");
});
