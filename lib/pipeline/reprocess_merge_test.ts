import assert from "node:assert/strict";
import { makeComplaint } from "../../test/support/complaints.ts";
import type { Complaint } from "../schema/complaint.ts";
import { parseConfig } from "../config.ts";
import { policyFromConfig } from "../escalation/policy.ts";
import { SLA_FIELDS } from "../escalation/sla.ts";
import { mergeReprocessed as merge } from "./reprocess_merge.ts";

const AT = "2026-09-07T12:00:00.000Z";
const RECEIVED = "2026-09-07T08:00:00.000Z";
const H = 3_600_000;
const after = (h: number) => new Date(Date.parse(RECEIVED) + h * H).toISOString();
/** Around the clock; first answer due in 2 h for medium, 1 h for high; high resolves in 4 h. */
const policy = policyFromConfig(parseConfig({
  SLA_FIRST_RESPONSE_HOURS: "high:1,medium:2",
  SLA_HIGH_HOURS: "4",
  SLA_MEDIUM_HOURS: "24",
}));
const mergeReprocessed = (existing: Complaint, fresh: Complaint) => merge(existing, fresh, policy);

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

/** A complaint received at RECEIVED whose SLA agents' actions moved: answered, then waited 3 h. */
function moved(overrides: Partial<Complaint> = {}): Complaint {
  return stored({
    receivedAt: RECEIVED,
    priority: "medium",
    status: "in_progress",
    slaClock: { firstResponseAt: after(0.5), pausedMs: 3 * H },
    slaFirstResponseDueAt: after(2 + 3),
    slaResolutionDueAt: after(24 + 3),
    slaDueAt: after(24 + 3),
    slaWarnAt: after(18 + 3),
    ...overrides,
  });
}

/** What a re-run computes on its own: the SLA from receipt, as if nothing had happened since. */
const fromReceipt = (priority: Complaint["priority"]) =>
  rerun({
    receivedAt: RECEIVED,
    priority,
    slaClock: { pausedMs: 0 },
    slaFirstResponseDueAt: after(priority === "high" ? 1 : 2),
    slaResolutionDueAt: after(priority === "high" ? 4 : 24),
    slaDueAt: after(priority === "high" ? 1 : 2),
    slaWarnAt: after(priority === "high" ? 0.75 : 1.5),
  });

const slaOf = (c: Complaint) => Object.fromEntries(SLA_FIELDS.map((f) => [f, c[f]]));

Deno.test("a re-run with the same priority keeps the SLA agents' actions moved: the first answer, time waited", () => {
  const existing = moved();
  const merged = mergeReprocessed(existing, fromReceipt("medium"));
  assert.deepEqual(slaOf(merged), slaOf(existing));
});

Deno.test("a re-run keeps a complaint waiting on the customer without a deadline, its pause still running", () => {
  const existing = moved({
    status: "waiting",
    slaClock: { firstResponseAt: after(0.5), pausedAt: after(1), pausedMs: 0 },
    slaDueAt: undefined,
    slaWarnAt: undefined,
  });
  delete existing.slaDueAt;
  delete existing.slaWarnAt;
  const merged = mergeReprocessed(existing, fromReceipt("medium"));
  assert.deepEqual(slaOf(merged), slaOf(existing));
  assert.equal("slaDueAt" in merged, false, "no deadline counts while waiting");
});

Deno.test("a re-run that changes the priority moves the deadlines from receipt with the clock kept, as an agent's change would", () => {
  const existing = moved();
  const merged = mergeReprocessed(existing, fromReceipt("high"));
  assert.equal(merged.priority, "high");
  assert.deepEqual(merged.slaClock, existing.slaClock, "the first answer and time waited stay");
  assert.equal(merged.slaResolutionDueAt, after(4 + 3), "high's 4 h, moved by the 3 h waited");
  assert.equal(merged.slaFirstResponseDueAt, after(1 + 3));
  assert.equal(merged.slaDueAt, after(4 + 3), "answered already: resolution counts");
  assert.equal(merged.slaWarnAt, after(3 + 3));

  // Waiting when re-run with a new priority: still no deadline, the pause still running.
  const waiting = moved({
    status: "waiting",
    slaClock: { firstResponseAt: after(0.5), pausedAt: after(1), pausedMs: 0 },
  });
  const paused = mergeReprocessed(waiting, fromReceipt("high"));
  assert.equal(paused.slaClock?.pausedAt, after(1));
  assert.equal("slaDueAt" in paused, false);
  assert.equal("slaWarnAt" in paused, false);
  assert.equal(paused.slaResolutionDueAt, after(4));
});
