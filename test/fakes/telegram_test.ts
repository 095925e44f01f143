import assert from "node:assert/strict";
import { Bot, GrammyError } from "grammy";
import { type FakeTelegram, startFakeTelegram } from "./telegram.ts";

async function withFake(fn: (fake: FakeTelegram, bot: Bot) => Promise<void>): Promise<void> {
  const fake = await startFakeTelegram();
  try {
    await fn(fake, new Bot(fake.token, { client: { apiRoot: fake.apiRoot } }));
  } finally {
    await fake.stop();
  }
}

Deno.test("fake Telegram answers grammY's sendMessage and records the call", () =>
  withFake(async (fake, bot) => {
    const message = await bot.api.sendMessage(-100123, "New complaint <b>#42</b>", {
      parse_mode: "HTML",
      reply_markup: { inline_keyboard: [[{ text: "Open", url: "https://example.com/c/42" }]] },
    });
    assert.equal(message.text, "New complaint <b>#42</b>");
    assert.equal(message.chat.id, -100123);
    assert.equal(fake.calls.length, 1);
    assert.equal(fake.calls[0].method, "sendMessage");
    assert.equal(fake.calls[0].params.parse_mode, "HTML");
    assert.equal(fake.calls[0].params.reply_markup.inline_keyboard[0][0].text, "Open");
    const me = await bot.api.getMe();
    assert.equal(me.is_bot, true);
  }));

Deno.test("fake Telegram: a scripted 429 surfaces as GrammyError with retry_after, then succeeds", () =>
  withFake(async (fake, bot) => {
    fake.failNext("sendMessage", { status: 429, retryAfter: 7 }, { status: 500 });
    const limited = await bot.api.sendMessage(1, "a").then(() => null, (e) => e);
    assert.ok(limited instanceof GrammyError, `expected GrammyError, got ${limited}`);
    assert.equal(limited.error_code, 429);
    assert.equal(limited.parameters.retry_after, 7);
    const broken = await bot.api.sendMessage(1, "b").then(() => null, (e) => e);
    assert.ok(broken instanceof GrammyError);
    assert.equal(broken.error_code, 500);
    const ok = await bot.api.sendMessage(1, "c");
    assert.equal(ok.text, "c");
    assert.deepEqual(fake.calls.map((c) => c.params.text), ["a", "b", "c"]);
  }));

Deno.test("fake Telegram refuses a wrong token with 401", () =>
  withFake(async (fake) => {
    const wrong = new Bot("999:WRONG", { client: { apiRoot: fake.apiRoot } });
    const error = await wrong.api.sendMessage(1, "x").then(() => null, (e) => e);
    assert.ok(error instanceof GrammyError);
    assert.equal(error.error_code, 401);
    assert.equal(fake.calls.length, 0);
  }));
