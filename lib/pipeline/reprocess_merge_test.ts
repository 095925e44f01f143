import assert from "node:assert/strict";
import { makeComplaint } from "../../test/support/complaints.ts";
import type { Complaint } from "../schema/complaint.ts";
import { mergeReprocessed } from "./reprocess_merge.ts";

const AT = "2026-09-07T12:00:00.000Z";

function stored(overrides: Partial<Complaint> = {}): Complaint {
  return makeComplaint({
    category: "other",
    priority: "medium",
    team: "customer_service",
    status: "in_progress",
    assignee: "ann@example.com",
    slaDueAt: "2026-09-08T12:00:00.000Z",
    messages: [
      {
        messageId: "answer@example.test",
        direction: "inbound",
        from: "aida@example.test",
        subject: "Re: x",
        text: "Any news?",
        receivedAt: AT,
        attachments: [],
      } as Complaint["messages"][number],
    ],
    relatedComplaints: ["A"],
    alerts: [{ kind: "new", level: 1, state: "sent", at: AT, attempts: 1 }],
    ...overrides,
  });
}

function rerun(overrides: Partial<Complaint> = {}): Complaint {
  return makeComplaint({
    category: "delivery",
    priority: "high",
    team: "logistics",
    status: "new",
    slaDueAt: "2026-09-07T20:00:00.000Z",
    subject: "Parcel lost",
    messages: [],
    relatedComplaints: ["B"],
    escalationLevel: 0,
    ...overrides,
  });
}

Deno.test("a re-run takes the analysis but keeps the thread, assignee, status, alerts and links", () => {
  const existing = stored({ escalationLevel: 2 });
  const merged = mergeReprocessed(existing, rerun());
  assert.equal(merged.id, existing.id);
  assert.equal(merged.subject, "Parcel lost");
  assert.equal(merged.category, "delivery", "nobody corrected it: the analysis decides");
  assert.equal(merged.priority, "high");
  assert.equal(merged.team, "logistics");
  assert.equal(merged.slaDueAt, "2026-09-07T20:00:00.000Z");
  assert.equal(merged.status, "in_progress");
  assert.equal(merged.assignee, "ann@example.com");
  assert.deepEqual(merged.messages, existing.messages);
  assert.deepEqual(merged.alerts, existing.alerts);
  assert.equal(merged.escalationLevel, 2, "never goes down");
  assert.deepEqual(merged.relatedComplaints, ["A", "B"]);
});

Deno.test("triage an agent corrected stands through a re-run; the product's own changes do not count", () => {
  const change = (action: string, actor: string, to: string) => ({
    at: AT,
    actor,
    action,
    details: { from: "x", to, original: "x" },
  });
  const existing = stored({
    category: "billing",
    priority: "critical",
    team: "finance",
    slaDueAt: "2026-09-07T14:00:00.000Z",
    history: [
      change("category_changed", "ann@example.com", "billing"),
      change("priority_changed", "system", "critical"),
      change("team_changed", "bob@example.com", "finance"),
    ],
  });
  const merged = mergeReprocessed(existing, rerun());
  assert.equal(merged.category, "billing");
  assert.equal(merged.team, "finance");
  assert.equal(merged.priority, "high", "a system raise is the analysis's to redo");
  assert.equal(merged.slaDueAt, "2026-09-07T20:00:00.000Z");

  const byAgent = stored({
    priority: "critical",
    slaDueAt: "2026-09-07T14:00:00.000Z",
    history: [change("priority_changed", "ann@example.com", "critical")],
  });
  const kept = mergeReprocessed(byAgent, rerun());
  assert.equal(kept.priority, "critical");
  assert.equal(kept.slaDueAt, "2026-09-07T14:00:00.000Z", "the SLA follows the kept priority");
});

Deno.test("a new complaint takes the run's status (routing may call it a duplicate); optional fields the run lacks are dropped", () => {
  const existing = stored({ status: "new", sentimentScore: -0.5 });
  const merged = mergeReprocessed(existing, rerun({ status: "duplicate", duplicateOf: "ORIG" }));
  assert.equal(merged.status, "duplicate");
  assert.equal(merged.duplicateOf, "ORIG");
  assert.ok(!("sentimentScore" in merged), "no stale score from the failed run");
});
