import type { AppContext } from "../ports.ts";
import type { Complaint, ProcessedEmail } from "../schema/complaint.ts";

/** What processing made of a message. */
export type ProcessOutcome =
  | { kind: "created"; complaint: Complaint }
  | { kind: "duplicate"; complaint: Complaint }
  | { kind: "threaded"; complaint: Complaint }
  | { kind: "ignored"; reason: string };

/**
 * The processed-email fields that record an outcome: the one place that says which complaint a
 * message became, and whether as an original, a duplicate, a thread reply, a failure waiting for
 * a retry, or nothing (ignored).
 */
export function outcomeFields(
  outcome: ProcessOutcome,
  now: Date,
): Pick<ProcessedEmail, "complaintId" | "outcome" | "reason" | "updatedAt"> {
  const updatedAt = now.toISOString();
  switch (outcome.kind) {
    case "ignored":
      return { complaintId: null, outcome: "ignored", reason: outcome.reason, updatedAt };
    case "threaded":
      return {
        complaintId: outcome.complaint.id,
        outcome: "threaded",
        reason: undefined,
        updatedAt,
      };
    case "created":
    case "duplicate": {
      const c = outcome.complaint;
      const failed = c.processing.state !== "done";
      return {
        complaintId: c.id,
        outcome: failed ? "failed" : c.duplicateOf ? "duplicate" : "created",
        reason: c.processing.lastError ??
          (c.duplicateOf ? `duplicate of ${c.duplicateOf}` : undefined),
        updatedAt,
      };
    }
  }
}

/** Write a message's outcome on its processed-email record. */
export async function recordOutcome(
  ctx: Pick<AppContext, "store" | "now">,
  claim: ProcessedEmail,
  outcome: ProcessOutcome,
): Promise<void> {
  await ctx.store.updateProcessedEmail(claim.key, outcomeFields(outcome, ctx.now()));
}

/** The outcome of a complaint made from a message: a duplicate when it repeats another. */
export function complaintOutcome(complaint: Complaint): ProcessOutcome {
  return { kind: complaint.duplicateOf ? "duplicate" : "created", complaint };
}
