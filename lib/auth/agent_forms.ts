import type { AppContext } from "../ports.ts";
import { InvalidError } from "../errors.ts";
import { formText, parseFormFields } from "../http/form_fields.ts";
import {
  agentCreateSchema,
  agentPatchSchema,
  passwordSchema,
  SIGNATURE_MAX_LENGTH,
} from "../schema/agent.ts";
import { addAgent, changeOwnPassword, editAgent, logoutEverywhere } from "./agents.ts";
import type { AgentSession } from "./session.ts";

type Ctx = Pick<AppContext, "store" | "now">;

/** What a page says after a form was carried out (the page then redirects with it). */
export type FormNotice = string;

/** The id field of a per-agent form (ids are UUIDs; anything else is refused as input). */
function agentId(form: FormData | null): string {
  const id = formText(form, "id") ?? "";
  if (!/^[\w-]{1,100}$/.test(id)) throw new InvalidError("No agent chosen.");
  return id;
}

/**
 * Carry out an admin's form on /agents: `_action` = create | update | deactivate | reactivate |
 * reset. The caller has checked the session is an admin's and the CSRF token. Domain errors
 * (invalid input, a taken email, the last admin, an unknown id) are thrown for the page to show.
 */
export async function submitAgentsForm(ctx: Ctx, form: FormData | null): Promise<FormNotice> {
  const action = formText(form, "_action");
  if (action === "create") {
    const input = parseFormFields(agentCreateSchema, {
      email: formText(form, "email") ?? "",
      name: formText(form, "name") ?? "",
      role: formText(form, "role") || undefined,
      team: formText(form, "team") ?? "",
      password: formText(form, "password") ?? "",
    });
    const agent = await addAgent(ctx, input);
    return `Added ${agent.email}.`;
  }
  const id = agentId(form);
  if (action === "update") {
    const patch = parseFormFields(agentPatchSchema, {
      name: formText(form, "name"),
      role: formText(form, "role") || undefined,
      team: formText(form, "team"),
    });
    const agent = await editAgent(ctx, id, patch);
    return `Saved ${agent.email}.`;
  }
  if (action === "deactivate" || action === "reactivate") {
    const agent = await editAgent(ctx, id, { active: action === "reactivate" });
    return agent.active
      ? `${agent.email} can log in again.`
      : `${agent.email} is deactivated and logged out.`;
  }
  if (action === "reset") {
    const password = parseFormFields(passwordSchema, formText(form, "password") ?? "");
    const agent = await editAgent(ctx, id, { password });
    return `New password set for ${agent.email}; their sessions were ended.`;
  }
  throw new InvalidError("Unknown action.");
}

/**
 * Carry out an agent's form on /account: `_action` = password (current, password, confirm) |
 * logout_everywhere. Other sessions end; the one that asked stays.
 */
export async function submitAccountForm(
  ctx: Ctx,
  session: AgentSession,
  form: FormData | null,
): Promise<FormNotice> {
  const action = formText(form, "_action");
  if (action === "password") {
    const next = parseFormFields(passwordSchema, formText(form, "password") ?? "");
    if (next !== formText(form, "confirm")) {
      throw new InvalidError("The new password and its confirmation differ.");
    }
    await changeOwnPassword(ctx, session, formText(form, "current") ?? "", next);
    return "Password changed. Your other sessions were logged out.";
  }
  if (action === "logout_everywhere") {
    await logoutEverywhere(ctx, session);
    return "Your other sessions were logged out.";
  }
  if (action === "signature") {
    const signature = (formText(form, "signature") ?? "").replace(/\r\n/g, "\n").trim();
    if (signature.length > SIGNATURE_MAX_LENGTH) {
      throw new InvalidError(`The signature is longer than ${SIGNATURE_MAX_LENGTH} characters.`);
    }
    await ctx.store.updateAgent(session.agentId, {
      signature,
      updatedAt: ctx.now().toISOString(),
    });
    session.agent = { ...session.agent, signature };
    return signature ? "Signature saved." : "Signature removed.";
  }
  throw new InvalidError("Unknown action.");
}
