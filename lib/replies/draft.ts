import type { AppContext } from "../ports.ts";
import type { Complaint } from "../schema/complaint.ts";
import { storyOfComplaint } from "../complaints/customer_story.ts";
import { similarResolved } from "../complaints/similar.ts";
import { recordUsage } from "../analyze/usage.ts";
import { acknowledgement, type Ask, askText, closing, greeting, missingInfo } from "./asks.ts";
import { type ReplyAuthor, savedRepliesFor } from "./saved.ts";
import type { DraftRequest } from "./drafter.ts";

/** A drafted answer for the agent to check, edit and send: never sent by itself. */
export interface Draft {
  text: string;
  /** `claude`, the best-fitting `saved_reply`, or a plain `acknowledgement`. */
  source: "claude" | "saved_reply" | "acknowledgement";
  savedReplyId?: string;
  /** What the draft asks the customer for (the complaint lacks it). */
  asks: Ask[];
  language: string;
  /** Why Claude did not draft it, when it was configured and failed. */
  fallback?: string;
}

/** Below this fit a saved reply is not offered as the draft (see `savedRepliesFor`'s score). */
const SAVED_REPLY_MIN_SCORE = 2;

/**
 * Draft the answer to a complaint in the customer's language. Claude (when configured) writes it
 * from the complaint, its analysis, the customer's earlier complaints and how the most similar
 * resolved ones were answered; otherwise — or when Claude fails — the best-fitting saved reply of
 * the complaint's category, filled, or a plain acknowledgement. Either way it asks for what the
 * complaint lacks (the order number, a photo of the damage).
 */
export async function draftReply(
  ctx: Pick<AppContext, "store" | "now" | "log" | "drafter">,
  complaint: Complaint,
  who: ReplyAuthor,
): Promise<Draft> {
  const asks = missingInfo(complaint);
  const language = complaint.language || "en";
  let fallback: string | undefined;
  if (ctx.drafter) {
    try {
      const request = await draftRequest(ctx, complaint, who, asks);
      const result = await ctx.drafter.draft(request);
      await recordUsage(ctx, {
        analyzer: ctx.drafter.name,
        model: result.model,
        tokens: result.tokens,
      });
      return { text: result.text, source: "claude", asks, language };
    } catch (err) {
      fallback = err instanceof Error ? err.message : String(err);
      ctx.log.warn("draft_fallback", { id: complaint.id, error: fallback });
    }
  }
  const ask = askText(asks, language);
  const best = (await savedRepliesFor(ctx, complaint, who))[0];
  if (best && best.score >= SAVED_REPLY_MIN_SCORE) {
    // A saved reply whose variables the complaint cannot fill still asks for the order.
    const more = best.missing.includes("order") && !asks.includes("order")
      ? askText(["order"], language)
      : "";
    const text = [best.text.trimEnd(), [ask, more].filter(Boolean).join(" ")]
      .filter(Boolean).join("\n\n");
    return {
      text,
      source: "saved_reply",
      savedReplyId: best.id,
      asks: more ? [...asks, "order"] : asks,
      language,
      ...(fallback ? { fallback } : {}),
    };
  }
  const text = [
    greeting(language, complaint.customer.name),
    acknowledgement(language, `#${complaint.ref}`),
    ask,
    closing(language, who.name),
  ].filter(Boolean).join("\n\n");
  return { text, source: "acknowledgement", asks, language, ...(fallback ? { fallback } : {}) };
}

async function draftRequest(
  ctx: Pick<AppContext, "store">,
  c: Complaint,
  who: ReplyAuthor,
  asks: Ask[],
): Promise<DraftRequest> {
  const [story, similar] = await Promise.all([storyOfComplaint(ctx, c), similarResolved(ctx, c)]);
  return {
    customerName: c.customer.name,
    language: c.language || "en",
    subject: c.subject,
    description: c.description,
    category: c.category,
    priority: c.priority,
    summary: c.analysis?.summary ?? "",
    orderNumbers: c.entities.orderNumbers,
    history: story.slice(0, 10).map((s) => ({
      subject: s.subject,
      status: s.status,
      outcome: s.outcome ? `${s.outcome.status} ${s.outcome.at.slice(0, 10)}` : "open",
    })),
    resolutions: similar.flatMap((s) =>
      s.lastReply ? [{ subject: s.subject, reply: s.lastReply.text.slice(0, 1500) }] : []
    ),
    asks: asks.map((a) => a === "order" ? "the order number" : "a photo of the damage"),
    agentName: who.name,
  };
}
