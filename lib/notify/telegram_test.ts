import assert from "node:assert/strict";
import { startFakeTelegram } from "../../test/fakes/telegram.ts";
import { makeComplaint } from "../../test/support/complaints.ts";
import { TelegramNotifier } from "./telegram.ts";

async function setup(options: { maxDelaySeconds?: number } = {}) {
  const tg = await startFakeTelegram();
  const notifier = new TelegramNotifier({
    token: tg.token,
    chatId: "-42",
    apiRoot: `${tg.apiRoot}/`,
    publicUrl: "https://inbox.example",
    ...options,
  });
  return { tg, notifier };
}

Deno.test("notify sends HTML with buttons and returns where the message went", async () => {
  const { tg, notifier } = await setup();
  try {
    const c = makeComplaint({ priority: "high", subject: "A & B" });
    const receipt = await notifier.notify({ complaint: c, kind: "new", level: 2 });
    assert.deepEqual(receipt, { ref: { chatId: "-42", messageId: 1 } });
    const [call] = tg.calls;
    assert.equal(call.method, "sendMessage");
    assert.equal(call.params.parse_mode, "HTML");
    assert.ok(String(call.params.text).includes("A &amp; B"));
    assert.deepEqual(call.params.link_preview_options, { is_disabled: true });
    assert.equal(call.params.reply_markup.inline_keyboard[0][0].callback_data, `take:${c.id}`);
    await notifier.notify({
      complaint: c,
      kind: "escalation",
      level: 3,
      replyTo: { chatId: "-42", messageId: 1 },
    });
    assert.deepEqual(tg.calls[1].params.reply_parameters, {
      message_id: 1,
      allow_sending_without_reply: true,
    });
  } finally {
    await tg.stop();
  }
});

Deno.test("errors other than 429 are thrown to the caller at once", async () => {
  const { tg, notifier } = await setup();
  try {
    tg.failNext("sendMessage", { status: 403 });
    await assert.rejects(
      notifier.notify({ complaint: makeComplaint(), kind: "new", level: 1 }),
      /blocked/,
    );
    assert.equal(tg.calls.length, 1);
  } finally {
    await tg.stop();
  }
});

Deno.test("a 429 within the cap is retried; beyond the cap it is thrown without waiting", async () => {
  const { tg, notifier } = await setup({ maxDelaySeconds: 1 });
  try {
    tg.failNext("sendMessage", { status: 429, retryAfter: 1 });
    const t0 = Date.now();
    await notifier.notify({ complaint: makeComplaint(), kind: "new", level: 1 });
    assert.ok(Date.now() - t0 >= 900);
    tg.failNext("sendMessage", { status: 429, retryAfter: 30 });
    const t1 = Date.now();
    await assert.rejects(
      notifier.notify({ complaint: makeComplaint(), kind: "new", level: 1 }),
      /429/,
    );
    assert.ok(Date.now() - t1 < 1000);
    tg.failNext(
      "sendMessage",
      { status: 429, retryAfter: 0 },
      { status: 429, retryAfter: 0 },
      { status: 429, retryAfter: 0 },
    );
    await assert.rejects(
      notifier.notify({ complaint: makeComplaint(), kind: "new", level: 1 }),
      /429/,
      "gives up after maxRetryAttempts",
    );
  } finally {
    await tg.stop();
  }
});

Deno.test("update edits the message, drops buttons once closed, and ignores 'not modified'", async () => {
  const { tg, notifier } = await setup();
  try {
    const ref = { chatId: "-42", messageId: 7 };
    const open = makeComplaint({ status: "in_progress" });
    await notifier.update(ref, { complaint: open, kind: "new", level: 1 }, "Taken by ann");
    assert.equal(tg.calls[0].method, "editMessageText");
    assert.equal(tg.calls[0].params.message_id, 7);
    assert.ok(tg.calls[0].params.reply_markup);
    await notifier.update(ref, {
      complaint: { ...open, status: "resolved" },
      kind: "new",
      level: 1,
    }, "Resolved");
    assert.equal(tg.calls[1].params.reply_markup, undefined);
    tg.failNext("editMessageText", {
      status: 400,
      description: "Bad Request: message is not modified",
    });
    await notifier.update(ref, { complaint: open, kind: "new", level: 1 }, "again");
    tg.failNext("editMessageText", { status: 400 });
    await assert.rejects(notifier.update(ref, { complaint: open, kind: "new", level: 1 }, "x"));
  } finally {
    await tg.stop();
  }
});
