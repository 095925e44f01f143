import assert from "node:assert/strict";
import { registerTelegramWebhook } from "./telegram_webhook.ts";
import { startFakeTelegram } from "../../test/fakes/telegram.ts";
import { createLogger } from "../log.ts";

const quiet = createLogger("error", () => {});

Deno.test("registers the webhook URL with its secret, for button presses only", async () => {
  const tg = await startFakeTelegram();
  try {
    const result = await registerTelegramWebhook({
      TELEGRAM_BOT_TOKEN: tg.token,
      TELEGRAM_WEBHOOK_SECRET: "s3cret",
      PUBLIC_URL: "https://inbox.example/",
      TELEGRAM_API_ROOT: tg.apiRoot,
    }, quiet);
    assert.equal(result, "registered");
    const call = tg.calls.find((c) => c.method === "setWebhook");
    assert.equal(call?.params.url, "https://inbox.example/functions/v1/telegram");
    assert.equal(call?.params.secret_token, "s3cret");
    assert.deepEqual(call?.params.allowed_updates, ["callback_query"]);
  } finally {
    await tg.stop();
  }
});

Deno.test("without a secret or public URL nothing is registered; a failure is not fatal", async () => {
  const tg = await startFakeTelegram();
  try {
    const base = { TELEGRAM_BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.apiRoot };
    assert.equal(
      await registerTelegramWebhook({ ...base, PUBLIC_URL: "https://x.example" }, quiet),
      "skipped",
    );
    assert.equal(
      await registerTelegramWebhook({ ...base, TELEGRAM_WEBHOOK_SECRET: "s" }, quiet),
      "skipped",
    );
    assert.equal(tg.calls.filter((c) => c.method === "setWebhook").length, 0);
    tg.failNext("setWebhook", { status: 500 });
    const failed = await registerTelegramWebhook({
      ...base,
      TELEGRAM_WEBHOOK_SECRET: "s",
      PUBLIC_URL: "https://x.example",
    }, quiet);
    assert.equal(failed, "failed");
  } finally {
    await tg.stop();
  }
});
