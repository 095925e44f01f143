import assert from "node:assert/strict";
import {
  allowedComplaintChanges,
  allowedProcessedChanges,
  applyComplaintUpdate,
  applyProcessedUpdate,
  FIXED_COMPLAINT_FIELDS,
  hasEntry,
  mergeSavedComplaint,
  UPDATABLE_COMPLAINT_FIELDS,
  UPDATABLE_PROCESSED_FIELDS,
} from "./write_rules.ts";
import type { ComplaintUpdate, ProcessedEmailUpdate } from "./port.ts";
import { complaintSchema, processedEmailSchema } from "../schema/complaint.ts";
import { makeClaim, makeComplaint } from "../../test/support/complaints.ts";

const entry = (at: string, action = "note", actor = "ann") => ({ at, action, actor, details: {} });

Deno.test("every complaint field is either fixed or updatable, never both", () => {
  const all = Object.keys(complaintSchema.shape).sort();
  const fixed = [...FIXED_COMPLAINT_FIELDS].sort();
  assert.deepEqual([...fixed, ...UPDATABLE_COMPLAINT_FIELDS].sort(), all);
  for (const f of fixed) assert.ok(!UPDATABLE_COMPLAINT_FIELDS.has(f), f);
  assert.ok(UPDATABLE_COMPLAINT_FIELDS.has("status"));
  assert.deepEqual(
    [...UPDATABLE_PROCESSED_FIELDS, "key"].sort(),
    Object.keys(processedEmailSchema.shape).sort(),
  );
});

Deno.test("allowed changes drop unknown keys, operators and fixed fields but keep removals", () => {
  const changes = {
    status: "resolved",
    alertRetryAt: undefined,
    bogus: 1,
    $set: { status: "closed" },
    "processing.state": "failed",
    id: "x",
    messageId: "m",
    createdAt: "c",
    history: [],
  };
  const allowed = allowedComplaintChanges(changes);
  assert.deepEqual(Object.keys(allowed).sort(), ["alertRetryAt", "status"]);
  assert.equal(allowed.status, "resolved");
  assert.ok("alertRetryAt" in allowed, "undefined means remove, so the key stays");
  assert.deepEqual(allowedProcessedChanges({ outcome: "created", key: "k", extra: 2 }), {
    outcome: "created",
  });
});

Deno.test("an update applies changes, removes undefined fields and appends history as given", () => {
  const c = makeComplaint({ alertRetryAt: "2026-09-07T11:30:00.000Z" });
  const h = [entry("2026-09-05T00:00:00.000Z"), entry("2026-09-05T00:00:00.000Z")];
  const next = applyComplaintUpdate(
    c,
    { status: "resolved", alertRetryAt: undefined, messageId: "m" } as ComplaintUpdate,
    h,
  );
  const { alertRetryAt: _, ...rest } = c;
  assert.deepEqual(next, { ...rest, status: "resolved", history: [...c.history, ...h] });
  assert.ok(!("alertRetryAt" in next), "removed, not kept as undefined (JSON and $unset agree)");
  assert.equal(c.status, "new", "the current complaint is not mutated");
  assert.equal(c.alertRetryAt, "2026-09-07T11:30:00.000Z");
});

Deno.test("a processed-email update keeps the key and drops unknown keys", () => {
  const claim = makeClaim({ reason: "r" });
  const next = applyProcessedUpdate(
    claim,
    { outcome: "created", reason: undefined, key: "other", x: 1 } as ProcessedEmailUpdate,
  );
  const { reason: _, ...rest } = claim;
  assert.deepEqual(next, { ...rest, outcome: "created" });
});

Deno.test("a save keeps id, messageId and createdAt and adds only history entries it lacks", () => {
  const current = makeComplaint({ history: [entry("2026-09-01T00:00:00.000Z", "created")] });
  const retry = entry("2026-09-03T00:00:00.000Z", "reprocessed", "system");
  const incoming = {
    ...makeComplaint({ id: current.id, subject: "Rebuilt", messageId: "moved@example.test" }),
    createdAt: "2030-01-01T00:00:00.000Z",
    history: [...current.history, retry],
  };
  const saved = mergeSavedComplaint(current, incoming);
  assert.equal(saved.subject, "Rebuilt");
  assert.equal(saved.id, current.id);
  assert.equal(saved.messageId, current.messageId);
  assert.equal(saved.createdAt, current.createdAt);
  assert.deepEqual(saved.history, [...current.history, retry]);
  assert.deepEqual(mergeSavedComplaint(saved, incoming).history, saved.history, "idempotent");
});

Deno.test("hasEntry matches on instant, action and actor, not details", () => {
  const c = makeComplaint({ history: [entry("2026-09-01T00:00:00.000Z")] });
  assert.equal(hasEntry(c, { ...entry("2026-09-01T00:00:00.000Z"), details: { x: 1 } }), true);
  assert.equal(hasEntry(c, entry("2026-09-01T00:00:00.001Z")), false);
  assert.equal(hasEntry(c, entry("2026-09-01T00:00:00.000Z", "other")), false);
  assert.equal(hasEntry(c, entry("2026-09-01T00:00:00.000Z", "note", "bob")), false);
});
