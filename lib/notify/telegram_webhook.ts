import { z } from "zod";
import type { EnvConfig } from "../config.ts";
import type { AppContext } from "../ports.ts";
import { claimOnce } from "../cache/once.ts";
import { readBodyCapped } from "../http/body.ts";
import type { Logger } from "../log.ts";
import { type ActionAnswer, type CallbackQuery, handleAlertAction } from "./actions.ts";

/**
 * Point Telegram's updates (button presses) at our webhook, with the secret Telegram will send
 * back in `X-Telegram-Bot-Api-Secret-Token`. Needs the bot token, the webhook secret and a public
 * https URL; without them it does nothing and says why. Failure is logged, never fatal.
 */
export async function registerTelegramWebhook(
  config: Pick<
    EnvConfig,
    "TELEGRAM_BOT_TOKEN" | "TELEGRAM_WEBHOOK_SECRET" | "PUBLIC_URL" | "TELEGRAM_API_ROOT"
  >,
  log: Logger,
): Promise<"registered" | "skipped" | "failed"> {
  const { TELEGRAM_BOT_TOKEN: token, TELEGRAM_WEBHOOK_SECRET: secret, PUBLIC_URL: base } = config;
  if (!token || !secret || !base) {
    if (token) {
      log.info("telegram_webhook_skipped", {
        reason: "set TELEGRAM_WEBHOOK_SECRET and PUBLIC_URL to receive button presses",
      });
    }
    return "skipped";
  }
  const url = `${base.replace(/\/+$/, "")}/functions/v1/telegram`;
  try {
    const { Api } = await import("grammy"); // only when Telegram is configured
    const api = new Api(token, { apiRoot: config.TELEGRAM_API_ROOT?.replace(/\/+$/, "") });
    await api.setWebhook(url, { secret_token: secret, allowed_updates: ["callback_query"] });
    log.info("telegram_webhook_registered", { url });
    return "registered";
  } catch (err) {
    log.warn("telegram_webhook_failed", { url, error: String(err) });
    return "failed";
  }
}

/** A button press update is a few KiB; anything past this is not one we sent buttons for. */
export const TELEGRAM_UPDATE_MAX_BYTES = 256 * 1024;

/** Telegram redelivers an update for up to a day; a seen update_id is remembered that long. */
const UPDATE_SEEN_SECONDS = 24 * 3600;

/**
 * The subset of Telegram's `Update` we act on: a callback query (button press) with what
 * `handleAlertAction` reads. Extra fields are dropped; a missing or mistyped one (`chat: null`)
 * makes the update one we ignore, before anything acts on it.
 */
export const telegramUpdateSchema = z.object({
  update_id: z.number().int().nonnegative(),
  callback_query: z.object({
    id: z.string().min(1).max(256),
    from: z.object({ id: z.number().int(), username: z.string().max(64).optional() }),
    data: z.string().max(256).optional(),
    message: z.object({
      message_id: z.number().int(),
      chat: z.object({ id: z.union([z.number().int(), z.string().min(1).max(64)]) }),
    }).optional(),
  }).optional(),
}) satisfies z.ZodType<{ update_id: number; callback_query?: CallbackQuery }>;

/** What became of one webhook delivery (every outcome is answered 200). */
export type TelegramUpdateOutcome = "acted" | "ignored" | "duplicate" | "failed";

const FAILED: ActionAnswer = {
  text: "Something went wrong. Please try again in a moment.",
  showAlert: true,
};

/**
 * Handle one authenticated webhook delivery. It never throws: Telegram resends an update whose
 * answer is not 2xx, and a resend of a press that already assigned or resolved a complaint would
 * act twice. So a body that is too big, not JSON or not the shape we use is logged and ignored;
 * an update_id already seen (a resend) is ignored; a failure while acting is logged and told to
 * the agent (who can press again) instead of being left to Telegram's retry.
 */
export async function handleTelegramUpdate(
  ctx: Pick<AppContext, "store" | "now" | "notifier" | "log" | "config" | "cache" | "policy">,
  req: Request,
): Promise<TelegramUpdateOutcome> {
  const ignore = (reason: string, fields: Record<string, unknown> = {}) => {
    ctx.log.info("telegram_update_ignored", { reason, ...fields });
    return "ignored" as const;
  };
  let json: unknown;
  try {
    json = JSON.parse(
      new TextDecoder().decode(await readBodyCapped(req, TELEGRAM_UPDATE_MAX_BYTES)),
    );
  } catch (err) {
    return ignore("unreadable", { error: String(err) });
  }
  const parsed = telegramUpdateSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join(".")}: ${i.message}`);
    return ignore("invalid_update", { issues });
  }
  const { update_id: updateId, callback_query: query } = parsed.data;
  if (!query) return ignore("not_a_button_press", { updateId });
  try {
    if (!await claimOnce(ctx.cache, `telegram/update/${updateId}`, UPDATE_SEEN_SECONDS)) {
      ctx.log.info("telegram_update_duplicate", { updateId });
      return "duplicate";
    }
  } catch (err) {
    // Without the cache a resend cannot be recognised; the 200 below still stops Telegram's own.
    ctx.log.warn("telegram_update_dedupe_failed", { updateId, error: String(err) });
  }
  let answer: ActionAnswer;
  let outcome: TelegramUpdateOutcome = "acted";
  try {
    answer = await handleAlertAction(ctx, query);
  } catch (err) {
    ctx.log.error("telegram_action_failed", { updateId, data: query.data, error: String(err) });
    answer = FAILED;
    outcome = "failed";
  }
  await ctx.notifier.answerAction?.(query.id, answer)
    .catch((err) => ctx.log.warn("answer_callback_failed", { error: String(err) }));
  return outcome;
}
