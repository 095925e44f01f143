import type { EnvConfig } from "../config.ts";
import type { Logger } from "../log.ts";

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
