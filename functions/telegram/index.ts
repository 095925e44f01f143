import { Hono } from "hono";
import type { Api } from "grammy";
import type { AppContext } from "../../lib/context.ts";
import { timingSafeEqual } from "../../lib/crypto.ts";
import { HttpError } from "../../lib/http/errors.ts";
import { errorHandler, notFoundJson } from "../../lib/http/error_middleware.ts";
import { handleTelegramUpdate } from "../../lib/notify/telegram_webhook.ts";

/**
 * The Telegram webhook: Telegram posts Updates here with the secret token header; button presses
 * on alerts assign or resolve the complaint. Off (404) until TELEGRAM_WEBHOOK_SECRET is set.
 */
export function createTelegramApp(ctx: AppContext): Hono {
  const app = new Hono();
  app.onError(errorHandler(ctx.log));
  app.notFound(notFoundJson);
  const secret = ctx.config.TELEGRAM_WEBHOOK_SECRET;
  const token = ctx.config.TELEGRAM_BOT_TOKEN;
  // grammY loads on the first update, so a product without Telegram never loads it.
  let api: Promise<Api | null> | null = null;
  const apiFor = () =>
    api ??= ctx.notifier.name === "telegram" && "api" in ctx.notifier
      ? Promise.resolve((ctx.notifier as { api: Api }).api)
      : token
      ? import("grammy").then(({ Api }) =>
        new Api(token, { apiRoot: ctx.config.TELEGRAM_API_ROOT })
      )
      : Promise.resolve(null);

  app.post("/", async (c) => {
    const api = secret ? await apiFor() : null;
    if (!secret || !api) throw new HttpError(404, "not_found", "The Telegram webhook is off");
    const given = c.req.header("x-telegram-bot-api-secret-token") ?? "";
    if (!timingSafeEqual(given, secret)) {
      throw new HttpError(401, "unauthorized", "Wrong or missing secret token");
    }
    // Always 200 once authenticated: a non-2xx makes Telegram resend, and a resent press acts twice.
    await handleTelegramUpdate(ctx, api, c.req.raw);
    return c.json({ ok: true });
  });
  return app;
}
