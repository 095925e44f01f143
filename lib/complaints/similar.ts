import type { AppContext } from "../ports.ts";
import type { Complaint } from "../schema/complaint.ts";
import { contentWords, jaccard } from "../routing/similarity.ts";
import { outcomeOf, type StoryEntry } from "./customer_story.ts";

/** How many similar resolved complaints are shown. */
export const SIMILAR_COUNT = 3;

/**
 * How many of the newest resolved and of the newest closed complaints are compared, in the
 * complaint's category and in any: a bound on the work per page view (at most 4 × this).
 */
export const SIMILAR_CANDIDATES = 100;

/** What was answered on an earlier complaint: our last reply, else the last agent note. */
export interface LastReply {
  kind: "reply" | "note";
  text: string;
  at: string;
  by: string;
}

/** A resolved or closed complaint like this one, and how it was answered. */
export interface SimilarComplaint {
  id: string;
  ref: string;
  subject: string;
  category: Complaint["category"];
  customer: { email: string; name: string };
  outcome: StoryEntry["outcome"];
  /** Word similarity (Jaccard of content words), 0…1. */
  score: number;
  lastReply: LastReply | null;
}

/**
 * The {@link SIMILAR_COUNT} resolved or closed complaints, from any customer, whose words are
 * most like this one's (ties: same category first, then newest), each with its last answer, so
 * an agent can answer the way it was answered before. Candidates are the newest resolved and
 * closed complaints, in the same category and in any, at most {@link SIMILAR_CANDIDATES} of each;
 * complaints sharing no word are not similar.
 */
export async function similarResolved(
  ctx: Pick<AppContext, "store">,
  complaint: Complaint,
): Promise<SimilarComplaint[]> {
  const lists = await Promise.all(
    (["resolved", "closed"] as const).flatMap((status) =>
      [complaint.category, undefined].map((category) =>
        ctx.store.listComplaints({
          status,
          category,
          page: 1,
          limit: SIMILAR_CANDIDATES,
        })
      )
    ),
  );
  const candidates = new Map<string, Complaint>();
  for (const list of lists) {
    for (const c of list.items) {
      if (c.id === complaint.id || c.duplicateOf === complaint.id) continue;
      candidates.set(c.id, c);
    }
  }
  const words = contentWords(complaint.subject, complaint.description);
  const scored = [...candidates.values()]
    .map((c) => ({ c, score: jaccard(words, contentWords(c.subject, c.description)) }))
    .filter((s) => s.score > 0);
  scored.sort((a, b) =>
    b.score - a.score ||
    Number(b.c.category === complaint.category) - Number(a.c.category === complaint.category) ||
    b.c.receivedAt.localeCompare(a.c.receivedAt)
  );
  return scored.slice(0, SIMILAR_COUNT).map(({ c, score }) => ({
    id: c.id,
    ref: c.ref,
    subject: c.subject,
    category: c.category,
    customer: { email: c.customer.email, name: c.customer.name },
    outcome: outcomeOf(c),
    score: Math.round(score * 1000) / 1000,
    lastReply: lastReply(c),
  }));
}

/**
 * How the complaint was answered: the last message we sent the customer (not the automatic
 * acknowledgement, which says nothing about the case), else the last agent note in the history.
 */
export function lastReply(c: Complaint): LastReply | null {
  const sent = c.messages.findLast((m) => m.direction === "outbound" && !m.auto);
  if (sent) {
    return {
      kind: "reply",
      text: sent.text,
      at: sent.sentAt ?? sent.receivedAt,
      by: sent.by ?? "",
    };
  }
  const note = c.history.findLast((h) => h.action === "note" && typeof h.details.text === "string");
  if (note) return { kind: "note", text: String(note.details.text), at: note.at, by: note.actor };
  return null;
}
