import type { AppContext } from "../ports.ts";
import type { ComplaintEvent } from "./bus.ts";

/** What an event tells the complaint's agent, if anything: the same three the dashboard shows. */
export function agentMessageFor(e: ComplaintEvent): string | null {
  if (!e.assignee) return null;
  if (e.actor && e.actor.toLowerCase() === e.assignee.toLowerCase()) return null; // their own doing
  const what = e.previousAssignee !== undefined
    ? "Assigned to you"
    : e.action === "reply_received"
    ? "Your customer replied"
    : e.action === "escalated"
    ? "SLA passed"
    : null;
  return what ? `${what}: ${e.subject}` : null;
}

/**
 * Send agents who linked their Telegram account (TELEGRAM_AGENTS) a direct message when a
 * complaint is assigned to them, their customer replies or its SLA passes. Best effort: a failed
 * message is logged, never retried (the dashboard shows the same). `stop` unsubscribes and
 * waits for messages on their way.
 */
export function startAgentMessages(
  ctx: Pick<AppContext, "events" | "notifier" | "config" | "log">,
): { stop(): Promise<void> } {
  const send = ctx.notifier.messageAgent?.bind(ctx.notifier);
  if (!send || ctx.config.TELEGRAM_AGENTS.size === 0) return { stop: () => Promise.resolve() };
  const pending = new Set<Promise<void>>();
  const byEmail = new Map<string, string>();
  for (const [userId, email] of ctx.config.TELEGRAM_AGENTS) {
    byEmail.set(email.toLowerCase(), userId);
  }
  const unsubscribe = ctx.events.subscribe((e) => {
    const text = agentMessageFor(e);
    const userId = e.assignee ? byEmail.get(e.assignee.toLowerCase()) : undefined;
    if (!text || !userId) return;
    const p = send(userId, text, e.id).catch((err) =>
      ctx.log.warn("agent_message_failed", { id: e.id, error: String(err) })
    ).finally(() => pending.delete(p));
    pending.add(p);
  });
  return {
    async stop() {
      unsubscribe();
      await Promise.allSettled([...pending]);
    },
  };
}
