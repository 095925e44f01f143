import type { AppContext } from "../ports.ts";
import type { Complaint } from "../schema/complaint.ts";
import type { SavedReply, SavedReplyCreate, SavedReplyPatch } from "../schema/saved_reply.ts";
import { newId } from "../crypto.ts";
import { ForbiddenError, NotFoundError } from "../errors.ts";
import { contentWords, jaccard } from "../routing/similarity.ts";
import { fillTemplate, templateValues } from "./template.ts";

/** Who is working with saved replies: an agent, or the API token (an admin with no team). */
export interface ReplyAuthor {
  email: string;
  name: string;
  team: string;
  admin: boolean;
}

/** A saved reply filled for one complaint, with how well it fits it. */
export interface RenderedReply {
  id: string;
  title: string;
  text: string;
  /** Variables the complaint has no value for (left out of `text`). */
  missing: string[];
  team: string;
  category?: string;
  language?: string;
  score: number;
}

type Ctx = Pick<AppContext, "store" | "now">;

/** An agent's session as the author of saved replies. */
export function authorOfSession(
  session: { agent: { email: string; name: string; team: string; role: string } },
): ReplyAuthor {
  const a = session.agent;
  return { email: a.email, name: a.name, team: a.team, admin: a.role === "admin" };
}

/** Add a saved reply; an agent may share it or keep it to their own team. */
export async function addSavedReply(
  ctx: Ctx,
  input: SavedReplyCreate,
  who: ReplyAuthor,
): Promise<SavedReply> {
  checkTeam(input.team, who);
  const at = ctx.now().toISOString();
  const reply: SavedReply = {
    ...input,
    id: newId(ctx.now().getTime()),
    createdBy: who.email,
    createdAt: at,
    updatedAt: at,
  };
  await ctx.store.createSavedReply(reply);
  return reply;
}

/**
 * Change a saved reply: its author, an admin, or (for a team's) an agent of that team. A `null`
 * category or language clears it back to "any".
 */
export async function changeSavedReply(
  ctx: Ctx,
  id: string,
  patch: SavedReplyPatch,
  who: ReplyAuthor,
): Promise<SavedReply> {
  const current = await mayChange(ctx, id, who);
  if (patch.team !== undefined) checkTeam(patch.team, who);
  const { category, language, ...rest } = patch;
  const next: SavedReply = { ...current, ...rest, updatedAt: ctx.now().toISOString() };
  // null clears back to "any"; left out (undefined) keeps what is stored.
  if (category === null) delete next.category;
  else if (category !== undefined) next.category = category;
  if (language === null) delete next.language;
  else if (language !== undefined) next.language = language;
  if (!await ctx.store.saveSavedReply(next)) throw new NotFoundError(`No saved reply ${id}`);
  return next;
}

/** Delete a saved reply (same rule as changing it). */
export async function removeSavedReply(ctx: Ctx, id: string, who: ReplyAuthor): Promise<void> {
  await mayChange(ctx, id, who);
  await ctx.store.deleteSavedReply(id);
}

/** The saved replies an agent sees: shared ones and their team's (an admin sees all). */
export async function visibleSavedReplies(ctx: Ctx, who: ReplyAuthor): Promise<SavedReply[]> {
  return (await ctx.store.listSavedReplies()).filter((r) =>
    who.admin || r.team === "" || r.team === who.team
  );
}

/**
 * The saved replies an agent sees, filled for this complaint and best first: the complaint's
 * category, then its language, then shared words decide.
 */
export async function savedRepliesFor(
  ctx: Ctx,
  complaint: Complaint,
  who: ReplyAuthor,
): Promise<RenderedReply[]> {
  const values = templateValues(complaint, who);
  const words = contentWords(complaint.subject, complaint.description);
  return (await visibleSavedReplies(ctx, who)).map((r) => {
    const { text, missing } = fillTemplate(r.body, values);
    const score = (r.category === complaint.category ? 2 : 0) +
      (r.language && r.language === complaint.language ? 1 : 0) +
      jaccard(contentWords(r.title, r.body), words);
    return {
      id: r.id,
      title: r.title,
      text,
      missing,
      team: r.team,
      ...(r.category ? { category: r.category } : {}),
      ...(r.language ? { language: r.language } : {}),
      score: Math.round(score * 1000) / 1000,
    };
  }).sort((a, b) => b.score - a.score || a.title.localeCompare(b.title));
}

async function mayChange(ctx: Ctx, id: string, who: ReplyAuthor): Promise<SavedReply> {
  const current = await ctx.store.getSavedReply(id);
  if (!current) throw new NotFoundError(`No saved reply ${id}`);
  const allowed = who.admin || current.createdBy === who.email ||
    (current.team !== "" && current.team === who.team);
  if (!allowed) throw new ForbiddenError("Only its author, its team or an admin may change it");
  return current;
}

function checkTeam(team: string, who: ReplyAuthor): void {
  if (team !== "" && !who.admin && team !== who.team) {
    throw new ForbiddenError(
      `Saved replies go to your own team (${who.team || "none"}) or everyone`,
    );
  }
}
