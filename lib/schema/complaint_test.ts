import assert from "node:assert/strict";
import {
  complaintPatchSchema,
  complaintSchema,
  listQuerySchema,
  processedEmailSchema,
} from "./complaint.ts";

const minimal = {
  id: "c1",
  messageId: "<m1@example.test>",
  customer: { email: "a@example.test" },
  contentHash: "sha256:abc",
  rawKey: "raw/ab/abc.eml",
  ingestKey: "mid:m1@example.test",
  receivedAt: "2026-09-07T10:00:00.000Z",
  createdAt: "2026-09-07T10:00:01.000Z",
  updatedAt: "2026-09-07T10:00:01.000Z",
};

Deno.test("complaintSchema fills defaults on a minimal complaint", () => {
  const c = complaintSchema.parse(minimal);
  assert.equal(c.customer.name, "");
  assert.equal(c.subject, "");
  assert.equal(c.description, "");
  assert.equal(c.bodyHtml, "");
  assert.equal(c.language, "und");
  assert.equal(c.category, "other");
  assert.equal(c.subcategory, "");
  assert.equal(c.priority, "medium");
  assert.equal(c.sentiment, "neutral");
  assert.equal(c.confidence, 0);
  assert.equal(c.status, "new");
  assert.equal(c.assignee, null);
  assert.equal(c.team, "");
  assert.equal(c.escalationLevel, 0);
  assert.deepEqual(c.tags, []);
  assert.deepEqual(c.entities, {
    orderNumbers: [],
    amounts: [],
    dates: [],
    products: [],
    phones: [],
  });
  assert.deepEqual(c.attachments, []);
  assert.deepEqual(c.processing, { state: "done", attempts: 0 });
  assert.equal(c.source, "email");
  assert.equal(c.ref, "");
  assert.equal(c.duplicateOf, null);
  assert.deepEqual(c.relatedComplaints, []);
  assert.deepEqual(c.messages, []);
  assert.deepEqual(c.history, []);
  assert.equal(c.analysis, undefined);
  assert.equal(c.alerts, undefined);
});

Deno.test("complaintSchema refuses missing required fields and out-of-range values", () => {
  for (const key of ["id", "messageId", "contentHash", "rawKey", "ingestKey", "receivedAt"]) {
    const { [key]: _, ...rest } = minimal as Record<string, unknown>;
    assert.equal(complaintSchema.safeParse(rest).success, false, `without ${key}`);
  }
  for (
    const bad of [
      { category: "shipping" },
      { priority: "urgent" },
      { confidence: 1.5 },
      { sentimentScore: -2 },
      { escalationLevel: 4 },
      { status: "open" },
      { customer: {} },
    ]
  ) {
    assert.equal(
      complaintSchema.safeParse({ ...minimal, ...bad }).success,
      false,
      JSON.stringify(bad),
    );
  }
});

Deno.test("complaintPatchSchema accepts the agent fields and trims them", () => {
  assert.deepEqual(
    complaintPatchSchema.parse({
      status: "in_progress",
      assignee: "  bob@example.test ",
      priority: "high",
      note: " called back ",
    }),
    { status: "in_progress", assignee: "bob@example.test", priority: "high", note: "called back" },
  );
  assert.deepEqual(complaintPatchSchema.parse({ assignee: null }), { assignee: null });
  assert.deepEqual(complaintPatchSchema.parse({}), {});
});

Deno.test("complaintPatchSchema refuses unknown keys and bad values", () => {
  for (
    const bad of [
      { category: "weather" }, // category is patchable (agents correct triage), but only a known one
      { status: "new", id: "x" },
      { escalationLevel: 2 },
      { status: "done" },
      { priority: "urgent" },
      { note: "   " },
      { note: "x".repeat(5001) },
      { assignee: "x".repeat(201) },
      { assignee: 5 },
    ]
  ) {
    assert.equal(complaintPatchSchema.safeParse(bad).success, false, JSON.stringify(bad));
  }
});

Deno.test("listQuerySchema: defaults page 1, limit 20, coerces strings", () => {
  assert.deepEqual(listQuerySchema.parse({}), { page: 1, limit: 20 });
  const q = listQuerySchema.parse({ page: "3", limit: "100", q: "  refund  " });
  assert.equal(q.page, 3);
  assert.equal(q.limit, 100);
  assert.equal(q.q, "refund");
});

Deno.test("listQuerySchema bounds: limit 1..100, page >= 1, integer", () => {
  for (
    const bad of [
      { limit: "101" },
      { limit: "0" },
      { page: "0" },
      { page: "-1" },
      { page: "1.5" },
      { limit: "abc" },
      { q: "x".repeat(201) },
      { status: "open" },
      { sla: "late" },
    ]
  ) {
    assert.equal(listQuerySchema.safeParse(bad).success, false, JSON.stringify(bad));
  }
});

Deno.test("listQuerySchema dates: bare dates and offset datetimes pass, others fail", () => {
  for (const value of ["2026-09-07", "2026-09-07T10:00:00Z", "2026-09-07T10:00:00+05:00"]) {
    assert.equal(listQuerySchema.safeParse({ from: value, to: value }).success, true, value);
  }
  for (const value of ["07.09.2026", "2026-13-01", "yesterday", "2026-09-07 10:00"]) {
    assert.equal(listQuerySchema.safeParse({ from: value }).success, false, value);
    assert.equal(listQuerySchema.safeParse({ to: value }).success, false, value);
  }
  assert.equal(listQuerySchema.safeParse({ slaNow: "2026-09-07" }).success, false);
  assert.equal(listQuerySchema.safeParse({ slaNow: "2026-09-07T10:00:00Z" }).success, true);
});

Deno.test("processedEmailSchema accepts each outcome and refuses others", () => {
  const base = {
    key: "mid:m1@example.test",
    sha256: "abc",
    rawKey: "raw/ab/abc.eml",
    size: 10,
    complaintId: null,
    receivedAt: "2026-09-07T10:00:00.000Z",
    updatedAt: "2026-09-07T10:00:00.000Z",
  };
  for (const outcome of ["received", "created", "duplicate", "threaded", "failed", "ignored"]) {
    const p = processedEmailSchema.parse({ ...base, outcome });
    assert.equal(p.outcome, outcome);
    assert.equal(p.from, "");
    assert.equal(p.subject, "");
  }
  for (const outcome of ["done", "pending", "", undefined]) {
    assert.equal(processedEmailSchema.safeParse({ ...base, outcome }).success, false, outcome);
  }
  assert.equal(
    processedEmailSchema.safeParse({ ...base, outcome: "created", size: -1 }).success,
    false,
  );
  const { complaintId: _, ...noId } = base;
  assert.equal(processedEmailSchema.safeParse({ ...noId, outcome: "created" }).success, false);
});
