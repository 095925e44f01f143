import type { Complaint } from "../schema/complaint.ts";
import { agentChanged } from "../complaints/triage.ts";
import { SLA_DEADLINES, slaOnPriority, type SlaPolicy } from "../escalation/sla.ts";

/**
 * What a processing run decides about a complaint: everything read from the raw email and its
 * analysis. Every other field of a stored complaint came later — the thread (customer answers,
 * our replies), agents, alerts, links to other complaints, the SLA their actions moved — and a
 * re-run must not wipe it.
 * Fields added later default to "kept" this way, which is the safe side.
 */
const PROCESSED_FIELDS = [
  "customer",
  "subject",
  "description",
  "bodyHtml",
  "language",
  "category",
  "subcategory",
  "priority",
  "sentiment",
  "sentimentScore",
  "confidence",
  "team",
  "tags",
  "parseWarnings",
  "flags",
  "entities",
  "attachments",
  "analysis",
  "modelRetryAt",
  "processing",
  "contentHash",
  "sentAt",
  "updatedAt",
] as const satisfies readonly (keyof Complaint)[];

/**
 * The complaint a re-run (a retry after failures, or an agent's Reprocess) stores over `existing`:
 * the processed fields of `fresh`, except triage an agent corrected (category, priority, team);
 * a `new` complaint takes the run's status (routing may have made it a duplicate); escalation
 * never goes down; duplicate links are unioned; the thread, assignee, alerts and everything else
 * stay as stored. So does the SLA, which agents' actions moved since receipt (first answer,
 * waiting on the customer): only a priority the run changes moves it, by the rule of any
 * priority change (`slaOnPriority`: from receipt, the clock kept).
 */
export function mergeReprocessed(
  existing: Complaint,
  fresh: Complaint,
  policy: SlaPolicy,
): Complaint {
  const merged: Record<string, unknown> = { ...existing };
  for (const field of PROCESSED_FIELDS) merged[field] = fresh[field];
  for (const field of ["category", "priority", "team"] as const) {
    if (agentChanged(existing, field)) merged[field] = existing[field];
  }
  const priority = merged.priority as Complaint["priority"];
  if (priority !== existing.priority) {
    Object.assign(merged, slaOnPriority(policy, existing, priority));
    for (const field of SLA_DEADLINES) if (merged[field] === undefined) delete merged[field];
  }
  // An absent optional field of the run must not leave the stored one behind.
  for (const field of PROCESSED_FIELDS) if (merged[field] === undefined) delete merged[field];
  return {
    ...(merged as Complaint),
    status: existing.status === "new" ? fresh.status : existing.status,
    escalationLevel: Math.max(existing.escalationLevel, fresh.escalationLevel),
    duplicateOf: existing.duplicateOf ?? fresh.duplicateOf,
    relatedComplaints: [...new Set([...existing.relatedComplaints, ...fresh.relatedComplaints])],
  };
}
