import type { AppContext } from "../ports.ts";
import type { AlertRecord, Complaint, HistoryEntry } from "../schema/complaint.ts";
import type { AlertRef } from "../notify/port.ts";
import { retryAfterSeconds } from "../notify/retry_after.ts";
import { alertsOnArrival } from "../escalation/policy.ts";

type NotifyContext =
  & Pick<AppContext, "store" | "notifier" | "log" | "now" | "config">
  & Partial<Pick<AppContext, "metrics">>;
export type AlertKind = AlertRecord["kind"];
export type SendResult = "sent" | "skipped" | "failed";

/**
 * A claim older than this is taken to belong to a process that died mid-send; the job may then
 * send again (the only case where a duplicate alert is possible).
 */
const PENDING_LEASE_MS = 2 * 60_000;
const MAX_BACKOFF_MS = 60 * 60_000;

/**
 * The notify stage: alert once on a newly processed complaint at or above
 * TELEGRAM_MIN_PRIORITY. A failing notifier is recorded on the complaint for the job to retry;
 * this never throws.
 */
export async function alertNew(ctx: NotifyContext, complaint: Complaint): Promise<SendResult> {
  if (!alertsOnArrival(ctx.config, complaint)) return "skipped";
  return await sendOnce(ctx, complaint.id, "new", complaint.escalationLevel);
}

/**
 * Send the alert of this kind and level for a complaint unless it was sent, is being sent, or
 * failed and is not yet due for a retry. Per complaint one send runs at a time, in every instance
 * sharing the store; the record on the complaint makes reprocessing, retries and the job send
 * nothing twice.
 */
export function sendOnce(
  ctx: NotifyContext,
  id: string,
  kind: AlertKind,
  level: number,
): Promise<SendResult> {
  // Through the store's lock: alerts of one complaint are claimed and recorded one at a time,
  // also between instances (an arrival alert on one, an escalation on another).
  return ctx.store.withLock(`alert:${id}`, () => send(ctx, id, kind, level)).catch((err) => {
    ctx.log.error("notify_failed", { id, kind, level, error: String(err) });
    return "failed" as const;
  });
}

async function send(
  ctx: NotifyContext,
  id: string,
  kind: AlertKind,
  level: number,
): Promise<SendResult> {
  const complaint = await ctx.store.getComplaint(id);
  if (!complaint) return "skipped";
  const now = ctx.now();
  const alerts = complaint.alerts ?? [];
  const previous = alerts.find((a) => a.kind === kind && a.level === level);
  if (previous && !due(previous, now)) return "skipped";
  const attempts = (previous?.attempts ?? 0) + 1;
  const claimed: AlertRecord = { kind, level, state: "pending", at: now.toISOString(), attempts };
  await ctx.store.updateComplaint(id, { alerts: replace(alerts, claimed) }, []);
  try {
    const receipt = await ctx.notifier.notify({
      complaint,
      kind,
      level,
      replyTo: firstRef(alerts),
    });
    const sent: AlertRecord = {
      ...claimed,
      state: "sent",
      at: ctx.now().toISOString(),
      ...(receipt?.ref ? { messageId: receipt.ref.messageId, chatId: receipt.ref.chatId } : {}),
    };
    // A delivered alert is recorded in `alerts` only: history stays about the complaint itself
    // (escalations and failures are written there by their callers and below).
    ctx.metrics?.alert(kind, "sent");
    await record(ctx, id, replace(alerts, sent));
    return "sent";
  } catch (err) {
    const waitMs = Math.max(
      (retryAfterSeconds(err) ?? 0) * 1000,
      Math.min(60_000 * 2 ** (attempts - 1), MAX_BACKOFF_MS),
    );
    const at = ctx.now();
    const failed: AlertRecord = {
      ...claimed,
      state: "failed",
      at: at.toISOString(),
      lastError: err instanceof Error ? err.message : String(err),
      nextAttemptAt: new Date(at.getTime() + waitMs).toISOString(),
    };
    ctx.log.error("notify_failed", { id, kind, level, attempt: attempts, error: String(err) });
    ctx.metrics?.alert(kind, "failed");
    await record(ctx, id, replace(alerts, failed), {
      at: failed.at,
      actor: "system",
      action: "alert_failed",
      details: { kind, level, via: ctx.notifier.name, attempt: attempts, error: failed.lastError },
    });
    return "failed";
  }
}

/**
 * Re-render the complaint's first alert with a line about what happened (an agent acted, the
 * customer replied), instead of sending a fresh alert. Quietly does nothing without one.
 */
export async function updateAlert(
  ctx: NotifyContext,
  complaint: Complaint,
  line: string,
): Promise<void> {
  const ref = firstRef(complaint.alerts ?? []);
  if (!ref || !ctx.notifier.update) return;
  const first = complaint.alerts!.find((a) => a.messageId === ref.messageId)!;
  try {
    await ctx.notifier.update(ref, { complaint, kind: first.kind, level: first.level }, line);
  } catch (err) {
    ctx.log.warn("alert_update_failed", { id: complaint.id, error: String(err) });
  }
}

/** Failed alerts due again (the job's work list); pending ones whose sender vanished count too. */
export function dueAlerts(complaint: Complaint, now: Date): AlertRecord[] {
  return (complaint.alerts ?? []).filter((a) => a.state !== "sent" && due(a, now));
}

function due(a: AlertRecord, now: Date): boolean {
  if (a.state === "sent") return false;
  if (a.state === "pending") return now.getTime() - Date.parse(a.at) >= PENDING_LEASE_MS;
  return !a.nextAttemptAt || Date.parse(a.nextAttemptAt) <= now.getTime();
}

async function record(
  ctx: NotifyContext,
  id: string,
  alerts: AlertRecord[],
  entry?: HistoryEntry,
): Promise<void> {
  const waiting = alerts.filter((a) => a.state !== "sent").map((a) => a.nextAttemptAt ?? a.at);
  // alertRetryAt is what the job's query looks at: the earliest failed alert, or none.
  const alertRetryAt = waiting.length > 0 ? waiting.sort()[0] : undefined;
  await ctx.store.updateComplaint(id, { alerts, alertRetryAt }, entry ? [entry] : []);
}

function replace(alerts: AlertRecord[], next: AlertRecord): AlertRecord[] {
  const rest = alerts.filter((a) => !(a.kind === next.kind && a.level === next.level));
  return [...rest, next];
}

/** The first delivered alert with a message to point at. */
function firstRef(alerts: AlertRecord[]): AlertRef | undefined {
  const first = alerts.find((a) => a.state === "sent" && a.messageId !== undefined && a.chatId);
  return first ? { chatId: first.chatId!, messageId: first.messageId! } : undefined;
}
