import type { AppContext } from "../ports.ts";
import { applyAgentPatch } from "../complaints/update.ts";
import { NotFoundError } from "../errors.ts";
import type { Complaint } from "../schema/complaint.ts";
import { parseAction } from "./buttons.ts";
import { formatInstant } from "./message.ts";

/** The part of a Telegram callback query we use. */
export interface CallbackQuery {
  id: string;
  from: { id: number; username?: string };
  data?: string;
  message?: { message_id: number; chat: { id: number | string } };
}

/** What to tell the person who pressed the button (answerCallbackQuery). */
export interface ActionAnswer {
  text: string;
  showAlert?: boolean;
  complaint?: Complaint;
}

/**
 * Act on an alert's button: "Take it" assigns the complaint to the agent (and moves a new one to
 * in progress), "Resolve" resolves it. Each change lands in the complaint's history under the
 * agent's email, and the alert is edited to say who acted. Unknown users, and users linked to
 * an agent who does not exist or was deactivated, change nothing.
 */
export async function handleAlertAction(
  ctx: Pick<AppContext, "store" | "now" | "notifier" | "log" | "config" | "policy">,
  query: CallbackQuery,
): Promise<ActionAnswer> {
  const linked = ctx.config.TELEGRAM_AGENTS.get(String(query.from.id));
  if (!linked) {
    ctx.log.warn("telegram_unknown_user", { userId: query.from.id });
    return {
      text: "Sorry, your Telegram account is not linked to an agent. Ask an admin to add it.",
      showAlert: true,
    };
  }
  // The link is configuration; who may act is the agents store's: a deactivated agent's phone
  // must lose the buttons as their browser sessions do, and an assignee is always a real agent.
  const record = await ctx.store.getAgentByEmail(linked.toLowerCase());
  if (!record || !record.active) {
    ctx.log.warn("telegram_inactive_agent", { userId: query.from.id, email: linked });
    return {
      text: "Sorry, the agent account linked to your Telegram is not active. Ask an admin.",
      showAlert: true,
    };
  }
  const agent = record.email;
  const action = parseAction(query.data);
  if (!action) return { text: "This button is not recognised." };
  let complaint: Complaint;
  try {
    const current = await ctx.store.getComplaint(action.id);
    if (!current) return { text: "This complaint no longer exists.", showAlert: true };
    complaint = action.action === "take"
      ? await applyAgentPatch(ctx, action.id, {
        assignee: agent,
        ...(current.status === "new" ? { status: "in_progress" as const } : {}),
      }, agent)
      : await applyAgentPatch(ctx, action.id, { status: "resolved" }, agent);
  } catch (err) {
    if (err instanceof NotFoundError) {
      return { text: "This complaint no longer exists.", showAlert: true };
    }
    throw err;
  }
  // The complaint has changed: from here on nothing may throw, or the webhook's caller could
  // treat the press as failed and it would be acted on again. Editing the alert is best effort.
  try {
    if (query.message && ctx.notifier.update) {
      const verb = action.action === "take" ? "Taken" : "Resolved";
      const line = `${verb} by ${agent} at ${formatInstant(ctx.now().toISOString())}`;
      const ref = { chatId: String(query.message.chat.id), messageId: query.message.message_id };
      const sent = (complaint.alerts ?? []).find((a) => a.messageId === ref.messageId);
      await ctx.notifier.update(ref, {
        complaint,
        kind: sent?.kind ?? "new",
        level: sent?.level ?? complaint.escalationLevel,
      }, line);
    }
  } catch (err) {
    ctx.log.warn("alert_update_failed", { id: complaint.id, error: String(err) });
  }
  return {
    text: action.action === "take" ? "Assigned to you." : "Marked resolved.",
    complaint,
  };
}
