import type { AppContext } from "../ports.ts";
import type { KeyedMutex } from "../keyed_mutex.ts";
import { InvalidError } from "../errors.ts";
import { complaintPatchSchema } from "../schema/complaint.ts";
import { applyAgentPatch } from "./update.ts";
import { checkAssignee } from "./assign.ts";
import { type ReplyAuthor, savedRepliesFor } from "../replies/saved.ts";
import { sendReply } from "../outbound/reply.ts";
import { deliveryLabel } from "../outbound/view.ts";
import type { ThreadMessage } from "../schema/complaint.ts";
import { withSignature } from "../replies/signature.ts";

/** What a bulk action does to each chosen complaint, and the form field holding its value. */
export const BULK_FIELDS = {
  assign: "assignee",
  status: "status",
  priority: "priority",
  reply: "reply",
} as const;
export type BulkOp = keyof typeof BULK_FIELDS;

/** Whether a posted action name is a bulk action. */
export function isBulkOp(op: string | undefined): op is BulkOp {
  return op !== undefined && Object.hasOwn(BULK_FIELDS, op);
}

/**
 * What became of one chosen complaint: `done` (changed), or for a reply where it really is:
 * `sent` (a mail server took it), `outbox` (no SMTP configured: kept, not sent), `retrying` (the
 * send failed; the job tries again), or `failed` (not done, or not sent and no more tries).
 */
export type BulkOutcome = "done" | "sent" | "outbox" | "retrying" | "failed";

/** One chosen complaint and its outcome; `detail` says it in the agent's words. */
export interface BulkItem {
  id: string;
  outcome: BulkOutcome;
  /** A reply's delivery (as its complaint page shows it), or why it was not done. */
  detail?: string;
}

/**
 * The outcome: each distinct chosen complaint in order, how many were really done (changed, or
 * their reply sent), and the ones that went wrong with why (failed, or failed and retrying). A
 * reply kept in the outbox is neither: done + outbox + failed = all.
 */
export interface BulkResult {
  done: number;
  items: BulkItem[];
  failed: { id: string; error: string }[];
}

/** At most this many complaints per bulk action (one page of the list). */
export const BULK_MAX = 100;

/** More distinct complaints were chosen than one bulk action takes: none is touched. */
export class TooManyChosenError extends InvalidError {
  readonly limit: number;
  readonly chosen: number;
  constructor(chosen: number, limit = BULK_MAX) {
    super(`At most ${limit} complaints at a time; ${chosen} were chosen.`, {
      code: "too_many_chosen",
    });
    this.limit = limit;
    this.chosen = chosen;
  }
}

/**
 * Apply one action to many complaints, one at a time, each as the agent would on its page:
 * assign (an active agent's email, or "" to unassign), set status or priority (history says
 * who), or reply with a saved reply filled for each complaint (and the agent's signature). A
 * complaint that fails is reported and the rest go on. More than `BULK_MAX` distinct ids are
 * refused (`TooManyChosenError`) before any complaint is touched.
 */
export async function applyBulk(
  ctx: AppContext,
  locks: KeyedMutex,
  ids: string[],
  op: BulkOp,
  value: string,
  who: ReplyAuthor & { signature?: string },
): Promise<BulkResult> {
  const chosen = [...new Set(ids)];
  if (chosen.length === 0) throw new InvalidError("Choose complaints first.");
  // Refused whole, never cut: an id quietly left out would look done to the agent.
  if (chosen.length > BULK_MAX) throw new TooManyChosenError(chosen.length);
  const patch = op === "reply" ? null : await patchFor(ctx, op, value);
  const result: BulkResult = { done: 0, items: [], failed: [] };
  for (const id of chosen) {
    let item: BulkItem;
    try {
      if (patch) {
        await applyAgentPatch(ctx, id, patch, who.email);
        item = { id, outcome: "done" };
      } else {
        const complaint = await ctx.store.getComplaint(id);
        if (!complaint) throw new InvalidError("no such complaint");
        const reply = (await savedRepliesFor(ctx, complaint, who)).find((r) => r.id === value);
        if (!reply) throw new InvalidError("no such saved reply");
        const message = await sendReply(ctx, locks, id, {
          text: withSignature(reply.text, who.signature),
          by: who.email,
        });
        item = { id, outcome: replyOutcome(message), detail: deliveryLabel(message) };
      }
    } catch (err) {
      item = { id, outcome: "failed", detail: err instanceof Error ? err.message : String(err) };
    }
    result.items.push(item);
    if (item.outcome === "done" || item.outcome === "sent") result.done++;
    else if (item.outcome !== "outbox") result.failed.push({ id, error: item.detail ?? "" });
  }
  return result;
}

/** Where a reply really is once `sendReply` returns. */
function replyOutcome(m: ThreadMessage): BulkOutcome {
  switch (m.state) {
    case "sent":
      return "sent";
    case "outbox":
      return "outbox";
    case "failed":
      return m.nextAttemptAt ? "retrying" : "failed";
    default:
      // Still queued: the job sends it.
      return "retrying";
  }
}

/**
 * What the agent is told after a bulk action: one line counting what really happened (a reply
 * in the outbox or failed is not "sent"), and a line per complaint that went wrong.
 */
export function bulkSummary(
  op: BulkOp,
  result: BulkResult,
): { notice: string; problems: string[] } {
  const n = result.items.length;
  const count = (o: BulkOutcome) => result.items.filter((i) => i.outcome === o).length;
  const problems = result.failed.map((f) => `${f.id}: ${f.error}`);
  if (op !== "reply") {
    return { notice: `${result.done} of ${n} complaint${n === 1 ? "" : "s"} done.`, problems };
  }
  const parts = [`${count("sent")} of ${n} repl${n === 1 ? "y" : "ies"} sent`];
  const outbox = count("outbox");
  if (outbox) parts.push(`${outbox} ${deliveryLabel({ state: "outbox" })}`);
  const retrying = count("retrying");
  if (retrying) parts.push(`${retrying} failed, will be retried`);
  const failed = count("failed");
  if (failed) parts.push(`${failed} not sent`);
  return { notice: `${parts.join("; ")}.`, problems };
}

async function patchFor(ctx: AppContext, op: Exclude<BulkOp, "reply">, value: string) {
  const raw = op === "assign" ? { assignee: value } : { [op]: value };
  const parsed = complaintPatchSchema.safeParse(raw);
  if (!parsed.success) throw new InvalidError(`${op}: ${value || "(empty)"} is not a valid value`);
  return await checkAssignee(ctx, parsed.data);
}
