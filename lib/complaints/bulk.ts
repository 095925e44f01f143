import type { AppContext } from "../ports.ts";
import type { KeyedMutex } from "../keyed_mutex.ts";
import { InvalidError } from "../errors.ts";
import { complaintPatchSchema } from "../schema/complaint.ts";
import { applyAgentPatch } from "./update.ts";
import { checkAssignee } from "./assign.ts";
import { type ReplyAuthor, savedRepliesFor } from "../replies/saved.ts";
import { sendReply } from "../outbound/reply.ts";
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

/** The outcome: how many were done, and why the others were not. */
export interface BulkResult {
  done: number;
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
  const result: BulkResult = { done: 0, failed: [] };
  for (const id of chosen) {
    try {
      if (patch) {
        await applyAgentPatch(ctx, id, patch, who.email);
      } else {
        const complaint = await ctx.store.getComplaint(id);
        if (!complaint) throw new InvalidError("no such complaint");
        const reply = (await savedRepliesFor(ctx, complaint, who)).find((r) => r.id === value);
        if (!reply) throw new InvalidError("no such saved reply");
        await sendReply(ctx, locks, id, {
          text: withSignature(reply.text, who.signature),
          by: who.email,
        });
      }
      result.done++;
    } catch (err) {
      result.failed.push({ id, error: err instanceof Error ? err.message : String(err) });
    }
  }
  return result;
}

async function patchFor(ctx: AppContext, op: Exclude<BulkOp, "reply">, value: string) {
  const raw = op === "assign" ? { assignee: value } : { [op]: value };
  const parsed = complaintPatchSchema.safeParse(raw);
  if (!parsed.success) throw new InvalidError(`${op}: ${value || "(empty)"} is not a valid value`);
  return await checkAssignee(ctx, parsed.data);
}
