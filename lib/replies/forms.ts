import type { AppContext } from "../ports.ts";
import { InvalidError } from "../errors.ts";
import { formText, parseFormFields } from "../http/form_fields.ts";
import { savedReplyCreateSchema, savedReplyPatchSchema } from "../schema/saved_reply.ts";
import { addSavedReply, changeSavedReply, removeSavedReply, type ReplyAuthor } from "./saved.ts";

/** The optional fields whose blank choice on the page means "any". */
const ANY_WHEN_BLANK = new Set(["category", "language"]);

/**
 * The saved reply fields of a posted form. Blank ones are left out (a blank title or text keeps
 * what is stored), except on a change, where a blank category or language (the form's "any")
 * is null: it clears the stored one.
 */
function fields(form: FormData | null, change = false): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const name of ["title", "body", "team", "category", "language"]) {
    const v = formText(form, name);
    if (v === undefined) continue;
    if (v.trim() !== "" || name === "team") out[name] = v;
    else if (change && ANY_WHEN_BLANK.has(name)) out[name] = null;
  }
  if (out.body) out.body = out.body.replace(/\r\n/g, "\n");
  return out;
}

/** Carry out a `/replies` form (add, change or delete); what the page says afterwards. */
export async function submitSavedReplyForm(
  ctx: Pick<AppContext, "store" | "now">,
  who: ReplyAuthor,
  form: FormData | null,
): Promise<string> {
  const action = formText(form, "_action");
  if (action === "create") {
    const input = parseFormFields(savedReplyCreateSchema, fields(form));
    const r = await addSavedReply(ctx, input, who);
    return `Saved reply “${r.title}” added.`;
  }
  const id = formText(form, "id") ?? "";
  if (!/^[\w-]{1,100}$/.test(id)) throw new InvalidError("No saved reply chosen.");
  if (action === "update") {
    const patch = parseFormFields(savedReplyPatchSchema, fields(form, true));
    const r = await changeSavedReply(ctx, id, patch, who);
    return `Saved reply “${r.title}” changed.`;
  }
  if (action === "delete") {
    await removeSavedReply(ctx, id, who);
    return "Saved reply deleted.";
  }
  throw new InvalidError("Unknown action.");
}
