import { Hono } from "hono";
import type { App } from "../../lib/context.ts";
import { timingSafeEqual } from "../../lib/crypto.ts";
import { HttpError } from "../../lib/http/errors.ts";
import { errorHandler, notFoundJson } from "../../lib/http/error_middleware.ts";
import { handleTelegramUpdate } from "../../lib/notify/telegram_webhook.ts";

/**
 * The Telegram webhook: Telegram posts Updates here with the secret token header; button presses
 * on alerts assign or resolve the complaint. Off (404) until TELEGRAM_WEBHOOK_SECRET is set.
 */
export function createTelegramApp(ctx: App): Hono {
  const app = new Hono();
  app.onError(errorHandler(ctx.log));
  app.notFound(notFoundJson);
  const secret = ctx.config.TELEGRAM_WEBHOOK_SECRET;

  app.post("/", async (c) => {
    // Buttons are answered through the notifier port: on only when alerts go out with buttons.
    if (!secret || !ctx.notifier.answerAction) {
      throw new HttpError(404, "not_found", "The Telegram webhook is off");
    }
    const given = c.req.header("x-telegram-bot-api-secret-token") ?? "";
    if (!timingSafeEqual(given, secret)) {
      throw new HttpError(401, "unauthorized", "Wrong or missing secret token");
    }
    // Always 200 once authenticated: a non-2xx makes Telegram resend, and a resent press acts twice.
    await handleTelegramUpdate(ctx, c.req.raw);
    return c.json({ ok: true });
  });
  return app;
}
