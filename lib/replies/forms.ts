import type { AppContext } from "../ports.ts";
import { InvalidError } from "../errors.ts";
import { formText, parseFormFields } from "../http/form_fields.ts";
import { savedReplyCreateSchema, savedReplyPatchSchema } from "../schema/saved_reply.ts";
import { addSavedReply, changeSavedReply, removeSavedReply, type ReplyAuthor } from "./saved.ts";

/** The saved reply fields of a posted form; blank optional ones are left out. */
function fields(form: FormData | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of ["title", "body", "team", "category", "language"]) {
    const v = formText(form, name);
    if (v !== undefined && (v.trim() !== "" || name === "team")) out[name] = v;
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
    const patch = parseFormFields(savedReplyPatchSchema, fields(form));
    const r = await changeSavedReply(ctx, id, patch, who);
    return `Saved reply “${r.title}” changed.`;
  }
  if (action === "delete") {
    await removeSavedReply(ctx, id, who);
    return "Saved reply deleted.";
  }
  throw new InvalidError("Unknown action.");
}
