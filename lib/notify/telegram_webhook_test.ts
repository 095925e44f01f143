import assert from "node:assert/strict";
import {
  handleTelegramUpdate,
  registerTelegramWebhook,
  TELEGRAM_UPDATE_MAX_BYTES,
} from "./telegram_webhook.ts";
import { MemoryCache } from "../cache/memory.ts";
import { parseConfig } from "../config.ts";
import { policyFromConfig } from "../escalation/policy.ts";
import { LogNotifier } from "./log.ts";
import { openTempStore } from "../../test/support/store.ts";
import { addAgent } from "../auth/agents.ts";
import { makeComplaint } from "../../test/support/complaints.ts";
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

async function webhookWorld() {
  const temp = await openTempStore();
  const lines: string[] = [];
  const log = createLogger("info", (line) => lines.push(line));
  // Telegram's side of the notifier port: the answers a button press got.
  const answers: { id: string; text?: string }[] = [];
  const answering = Object.assign(new LogNotifier(log), {
    answerAction(id: string, answer: { text: string }) {
      answers.push({ id, text: answer.text });
      return Promise.resolve();
    },
  });
  const ctx = {
    store: temp.store,
    cache: new MemoryCache(),
    log,
    notifier: answering,
    now: () => new Date("2026-09-07T12:00:00Z"),
    config: parseConfig({ TELEGRAM_AGENTS: "5:ann@example.com" }) as never,
    policy: policyFromConfig(parseConfig({})),
  };
  await addAgent(ctx, {
    email: "ann@example.com",
    name: "Ann",
    role: "agent",
    team: "",
    password: "ann's long password",
  }, 1);
  const deliver = (body: BodyInit) =>
    handleTelegramUpdate(ctx, new Request("http://h/", { method: "POST", body }));
  return { ctx, answers, lines, deliver, close: temp.close };
}

Deno.test("handleTelegramUpdate acts on a press once and ignores what is not one", async () => {
  const w = await webhookWorld();
  try {
    const c = (await w.ctx.store.createComplaint(makeComplaint())).complaint;
    const press = JSON.stringify({
      update_id: 7,
      callback_query: { id: "q1", from: { id: 5, is_bot: false }, data: `take:${c.id}` },
    });
    assert.equal(await w.deliver(press), "acted");
    assert.equal(await w.deliver(press), "duplicate");
    assert.deepEqual(w.answers, [{ id: "q1", text: "Assigned to you." }]);

    assert.equal(
      await w.deliver(JSON.stringify({ update_id: 8, message: { text: "hi" } })),
      "ignored",
    );
    assert.equal(await w.deliver("{oops"), "ignored");
    const nullChat = {
      update_id: 9,
      callback_query: {
        id: "q2",
        from: { id: 5 },
        data: `resolve:${c.id}`,
        message: { message_id: 1, chat: null },
      },
    };
    assert.equal(await w.deliver(JSON.stringify(nullChat)), "ignored");
    assert.equal((await w.ctx.store.getComplaint(c.id))!.status, "in_progress", "not resolved");
    const huge = `{"update_id":10,"pad":"${"x".repeat(TELEGRAM_UPDATE_MAX_BYTES)}"}`;
    assert.equal(await w.deliver(huge), "ignored");
    assert.ok(
      w.lines.some((l) =>
        l.includes("telegram_update_ignored") && l.includes("callback_query.message.chat")
      ),
      "the reason is logged",
    );
  } finally {
    await w.close();
  }
});
