import assert from "node:assert/strict";
import { addAgent } from "../../lib/auth/agents.ts";
import { sampleEmail, startTestApp, type TestApp } from "../../test/support/app.ts";
import { type FakeTelegram, startFakeTelegram } from "../../test/fakes/telegram.ts";
import { parseTelegramHtml } from "../../test/support/telegram_html.ts";
import { runEscalation } from "../../lib/escalation/job.ts";
import type { Complaint } from "../../lib/schema/complaint.ts";

const SECRET = "webhook-secret-123";
const START = new Date("2026-09-07T10:00:00.000Z");

const FIRE = {
  subject: "My charger caught fire",
  body: "The charger you sold me caught fire last night and burned my desk. This is dangerous.",
};
const LATE = {
  subject: "My order ORD-12345 has not arrived",
  body: "Hello, I paid $49.99 for order ORD-12345 on 1 September and it still has not arrived.",
};
const TWICE = {
  subject: "Charged twice for order ORD-777",
  body: "You charged my card twice for order ORD-777, 120 USD each time. Refund the duplicate.",
};
const QUESTION = { subject: "Question about colours", body: "Hi, do you have the kettle in blue?" };

interface World {
  app: TestApp;
  tg: FakeTelegram;
  clock: { now: Date; advanceHours(h: number): void };
  ingest(mail: { subject: string; body: string; from?: string; messageId?: string }): Promise<
    Complaint
  >;
  get(id: string): Promise<Complaint>;
  sent(): { text: string; params: Record<string, unknown> }[];
  stop(): Promise<void>;
}

async function world(env: Record<string, string> = {}): Promise<World> {
  const tg = await startFakeTelegram();
  const clock = {
    now: START,
    advanceHours(h: number) {
      this.now = new Date(this.now.getTime() + h * 3_600_000);
    },
  };
  const app = await startTestApp({
    TELEGRAM_BOT_TOKEN: tg.token,
    TELEGRAM_CHAT_ID: "-1001234",
    TELEGRAM_API_ROOT: tg.apiRoot,
    TELEGRAM_WEBHOOK_SECRET: SECRET,
    TELEGRAM_AGENTS: "111:ann@example.com, 222:bob@example.com",
    PUBLIC_URL: "https://inbox.example",
    ...env,
  }, { now: () => clock.now });
  assert.equal(app.ctx.notifier.name, "telegram", "the real factory picks Telegram");
  for (const [email, name] of [["ann@example.com", "Ann"], ["bob@example.com", "Bob"]]) {
    await addAgent(
      app.ctx,
      { email, name, role: "agent", team: "", password: "a long password" },
      1,
    );
  }
  const get = async (id: string) => (await app.ctx.store.getComplaint(id))!;
  return {
    app,
    tg,
    clock,
    get,
    async ingest(mail) {
      const res = await app.ingest(sampleEmail(mail));
      const body = await res.json();
      assert.ok(res.status === 201 || res.status === 200, JSON.stringify(body));
      return await get(body.id);
    },
    sent: () =>
      tg.calls.filter((c) => c.method === "sendMessage").map((c) => ({
        text: String(c.params.text),
        params: c.params,
      })),
    async stop() {
      await app.stop();
      await tg.stop();
    },
  };
}

function callback(from: number, data: string, messageId: number) {
  return {
    update_id: Math.floor(Math.random() * 1e9),
    callback_query: {
      id: `cb-${crypto.randomUUID()}`,
      from: { id: from, is_bot: false, first_name: "Agent" },
      chat_instance: "x",
      data,
      message: { message_id: messageId, date: 0, chat: { id: -1001234, type: "supergroup" } },
    },
  };
}

function postUpdate(w: World, update: unknown, secret = SECRET) {
  return fetch(`${w.app.url}/functions/v1/telegram`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": secret },
    body: JSON.stringify(update),
  });
}

Deno.test("complaints at or above medium alert once in HTML with buttons; low ones do not", async () => {
  const w = await world();
  try {
    const fire = await w.ingest(FIRE);
    await w.ingest(LATE);
    await w.ingest(QUESTION);
    const sent = w.sent();
    assert.equal(sent.length, 2);
    const [first] = sent;
    assert.equal(String(first.params.chat_id), "-1001234");
    assert.equal(first.params.parse_mode, "HTML");
    assert.deepEqual(first.params.reply_markup, {
      inline_keyboard: [[
        { text: "Take it", callback_data: `take:${fire.id}` },
        { text: "Resolve", callback_data: `resolve:${fire.id}` },
      ]],
    });
    const shown = parseTelegramHtml(first.text);
    assert.match(shown.text, /^🔴 New CRITICAL complaint · level 3/);
    assert.ok(shown.text.includes("Subject: My charger caught fire"));
    assert.ok(shown.text.includes("Flags: safety"));
    assert.ok(shown.text.includes("SLA due: 2026-09-07 11:00 UTC"));
    assert.deepEqual(shown.links, [`https://inbox.example/complaints/${fire.id}`]);
    const stored = await w.get(fire.id);
    assert.equal(stored.slaDueAt, "2026-09-07T11:00:00.000Z");
    assert.equal(stored.team, "quality");
    assert.deepEqual(stored.alerts?.map((a) => [a.kind, a.level, a.state, a.messageId]), [
      ["new", 3, "sent", 1],
    ]);
  } finally {
    await w.stop();
  }
});

Deno.test("TELEGRAM_MIN_PRIORITY=high keeps medium complaints quiet", async () => {
  const w = await world({ TELEGRAM_MIN_PRIORITY: "high" });
  try {
    await w.ingest(LATE);
    await w.ingest(TWICE);
    assert.deepEqual(w.sent().map((s) => parseTelegramHtml(s.text).text.split("\n")[0]), [
      "🟠 New HIGH complaint · level 2",
    ]);
  } finally {
    await w.stop();
  }
});

Deno.test("hostile names and subjects cannot break or spoof the message", async () => {
  const w = await world();
  try {
    const name = `<script>alert(1)</script> & Co 🔥 \u202Eevil\u202C مرحبا`;
    const subject = `Tom & Jerry <b>fake</b> <a href="https://evil.example">x</a> שלום 👍`;
    await w.ingest({
      from: `"${name.replaceAll('"', "")}" <hostile@example.test>`,
      subject: `=?UTF-8?B?${btoa(String.fromCharCode(...new TextEncoder().encode(subject)))}?=`,
      body: FIRE.body,
    });
    const [msg] = w.sent();
    assert.ok(msg, "the alert was sent");
    const shown = parseTelegramHtml(msg.text); // throws on any markup from the customer
    assert.ok(shown.text.includes(`Subject: ${subject}\n`), shown.text);
    assert.ok(shown.text.includes("<script>alert(1)</script> & Co 🔥 evil مرحبا"), shown.text);
    assert.ok(!msg.text.includes("<script>") && !msg.text.includes('href="https://evil'));
    assert.equal(shown.links.length, 1);
    assert.ok(msg.text.length <= 4096);
  } finally {
    await w.stop();
  }
});

Deno.test("resends, concurrent posts, retries and the job send nothing new", async () => {
  const w = await world();
  try {
    const mail = { ...FIRE, messageId: "same-message" };
    const responses = await Promise.all(
      Array.from({ length: 6 }, () => w.app.ingest(sampleEmail(mail))),
    );
    const ids = new Set(await Promise.all(responses.map(async (r) => (await r.json()).id)));
    assert.equal(ids.size, 1);
    await w.ingest(mail);
    await w.app.ctx.pipeline.retryDue();
    await runEscalation(w.app.ctx);
    assert.equal(w.sent().length, 1);
    const c = await w.get([...ids][0]);
    assert.equal(c.alerts?.length, 1);
    assert.deepEqual(c.alerts?.map((a) => [a.kind, a.state, a.attempts]), [["new", "sent", 1]]);
  } finally {
    await w.stop();
  }
});

Deno.test("a 429 is waited out (retry_after) and the alert then goes through", async () => {
  const w = await world();
  try {
    w.tg.failNext("sendMessage", { status: 429, retryAfter: 1 });
    const started = Date.now();
    const c = await w.ingest(TWICE);
    assert.ok(Date.now() - started >= 900, "waited retry_after");
    assert.equal(w.tg.calls.filter((x) => x.method === "sendMessage").length, 2);
    assert.equal(c.alerts?.[0].state, "sent");
  } finally {
    await w.stop();
  }
});

Deno.test("a 429 longer than the cap is not waited in-line; the job sends it after retry_after", async () => {
  const w = await world({ TELEGRAM_RETRY_MAX_SECONDS: "2" });
  try {
    w.tg.failNext("sendMessage", { status: 429, retryAfter: 120 });
    const started = Date.now();
    const c = await w.ingest(TWICE);
    assert.ok(Date.now() - started < 2000, "ingestion was not held for two minutes");
    assert.equal(c.alerts?.[0].state, "failed");
    assert.equal(c.alertRetryAt, "2026-09-07T10:02:00.000Z");
    w.clock.advanceHours(1 / 60);
    await runEscalation(w.app.ctx);
    assert.equal(w.sent().length, 1, "not before retry_after");
    w.clock.advanceHours(1 / 60);
    await runEscalation(w.app.ctx);
    assert.equal(w.sent().length, 2);
    assert.equal((await w.get(c.id)).alerts?.[0].state, "sent");
  } finally {
    await w.stop();
  }
});

Deno.test("Telegram down: ingestion succeeds, the failure is recorded, the job delivers later", async () => {
  const w = await world();
  try {
    w.tg.failNext("sendMessage", { status: 502 }, { status: 500 });
    const res = await w.app.ingest(sampleEmail(FIRE));
    assert.equal(res.status, 201);
    const c = await w.get((await res.json()).id);
    assert.equal(c.processing.state, "done");
    assert.equal(c.alerts?.[0].state, "failed");
    assert.match(c.alerts?.[0].lastError ?? "", /Bad Gateway/);
    assert.ok(c.history.some((h) => h.action === "alert_failed"));
    w.clock.advanceHours(1 / 60);
    await runEscalation(w.app.ctx); // second failure: backs off two minutes
    assert.equal((await w.get(c.id)).alerts?.[0].attempts, 2);
    await runEscalation(w.app.ctx);
    assert.equal(w.tg.calls.filter((x) => x.method === "sendMessage").length, 2, "backing off");
    w.clock.advanceHours(2 / 60);
    await runEscalation(w.app.ctx);
    const after = await w.get(c.id);
    assert.equal(after.alerts?.[0].state, "sent");
    assert.equal(after.alerts?.[0].attempts, 3);
    assert.equal(after.alertRetryAt, undefined);
    await runEscalation(w.app.ctx);
    assert.equal(w.sent().length, 3, "two failures and one delivery, nothing more");
  } finally {
    await w.stop();
  }
});

Deno.test("overdue complaints escalate one level per SLA window and alert once per level", async () => {
  const w = await world();
  try {
    const c = await w.ingest(LATE); // medium: level 1, SLA 24 h
    assert.equal(c.escalationLevel, 1);
    assert.equal(c.slaDueAt, "2026-09-08T10:00:00.000Z");
    w.clock.advanceHours(23);
    await runEscalation(w.app.ctx);
    assert.equal(w.sent().length, 1);
    w.clock.advanceHours(1);
    await runEscalation(w.app.ctx);
    await runEscalation(w.app.ctx);
    let now = await w.get(c.id);
    assert.equal(now.escalationLevel, 2);
    assert.equal(w.sent().length, 2);
    const escalation = w.sent()[1];
    assert.match(parseTelegramHtml(escalation.text).text, /^⏫ Escalated to level 2/);
    assert.equal((escalation.params.reply_parameters as { message_id: number }).message_id, 1);
    w.clock.advanceHours(24);
    await runEscalation(w.app.ctx);
    w.clock.advanceHours(100);
    await runEscalation(w.app.ctx);
    now = await w.get(c.id);
    assert.equal(now.escalationLevel, 3);
    assert.equal(w.sent().length, 3);
    assert.deepEqual(
      now.history.filter((h) => h.action === "escalated").map((
        h,
      ) => [h.details.from, h.details.to]),
      [[1, 2], [2, 3]],
    );
    const overdue = await w.app.api("/complaints?sla=overdue");
    assert.equal(overdue.status, 200);
  } finally {
    await w.stop();
  }
});

Deno.test("a critical complaint already at level 3 gets one overdue alert; resolved ones none", async () => {
  const w = await world();
  try {
    const fire = await w.ingest(FIRE);
    const late = await w.ingest(TWICE);
    const take = await postUpdate(w, callback(111, `resolve:${late.id}`, 2));
    assert.equal(take.status, 200);
    w.clock.advanceHours(5);
    await runEscalation(w.app.ctx);
    await runEscalation(w.app.ctx);
    const sent = w.sent().map((s) => parseTelegramHtml(s.text).text.split("\n")[0]);
    assert.deepEqual(sent.slice(2), ["⏫ Escalated to level 3 — SLA overdue"]);
    const after = await w.get(fire.id);
    assert.equal(after.escalationLevel, 3);
    assert.equal(after.history.filter((h) => h.action === "sla_overdue").length, 1);
    assert.equal((await w.get(late.id)).escalationLevel, 2);
  } finally {
    await w.stop();
  }
});

Deno.test("Take it and Resolve buttons assign and resolve, edit the alert and record history", async () => {
  const w = await world();
  try {
    const c = await w.ingest(TWICE);
    const res = await postUpdate(w, callback(111, `take:${c.id}`, 1));
    assert.equal(res.status, 200);
    let now = await w.get(c.id);
    assert.equal(now.assignee, "ann@example.com");
    assert.equal(now.status, "in_progress");
    assert.ok(now.history.some((h) => h.action === "assigned" && h.actor === "ann@example.com"));
    const edit = w.tg.calls.find((x) => x.method === "editMessageText")!;
    assert.equal(edit.params.message_id, 1);
    assert.equal(edit.params.parse_mode, "HTML");
    const edited = parseTelegramHtml(String(edit.params.text)).text;
    assert.ok(edited.includes("Assignee: ann@example.com"));
    assert.ok(edited.includes("✅ Taken by ann@example.com at 2026-09-07 10:00 UTC"));
    const answer = w.tg.calls.find((x) => x.method === "answerCallbackQuery")!;
    assert.equal(answer.params.text, "Assigned to you.");

    await postUpdate(w, callback(222, `resolve:${c.id}`, 1));
    now = await w.get(c.id);
    assert.equal(now.status, "resolved");
    assert.ok(
      now.history.some((h) => h.action === "status_changed" && h.actor === "bob@example.com"),
    );
    const last = w.tg.calls.filter((x) => x.method === "editMessageText").at(-1)!;
    assert.ok(String(last.params.text).includes("Resolved by bob@example.com"));
    assert.equal(last.params.reply_markup, undefined, "no buttons once resolved");
    assert.equal(w.sent().length, 1, "acting never sends a new alert");
  } finally {
    await w.stop();
  }
});

Deno.test("unknown users are refused politely and a wrong secret is rejected", async () => {
  const w = await world();
  try {
    const c = await w.ingest(TWICE);
    const res = await postUpdate(w, callback(999, `take:${c.id}`, 1));
    assert.equal(res.status, 200);
    const answer = w.tg.calls.find((x) => x.method === "answerCallbackQuery")!;
    assert.equal(answer.params.show_alert, true);
    assert.match(String(answer.params.text), /not linked to an agent/);
    const wrong = await postUpdate(w, callback(111, `take:${c.id}`, 1), "nope");
    assert.equal(wrong.status, 401);
    await wrong.body?.cancel();
    const none = await fetch(`${w.app.url}/functions/v1/telegram`, { method: "POST", body: "{}" });
    assert.equal(none.status, 401);
    await none.body?.cancel();
    const after = await w.get(c.id);
    assert.equal(after.assignee, null);
    assert.equal(after.status, "new");
    assert.equal(w.tg.calls.filter((x) => x.method === "editMessageText").length, 0);
  } finally {
    await w.stop();
  }
});

Deno.test("without a webhook secret the endpoint is off", async () => {
  const app = await startTestApp();
  try {
    const res = await fetch(`${app.url}/functions/v1/telegram`, { method: "POST", body: "{}" });
    assert.equal(res.status, 404);
    await res.body?.cancel();
    assert.equal(app.ctx.notifier.name, "log");
  } finally {
    await app.stop();
  }
});

Deno.test("a customer's reply edits the original alert instead of sending a new one", async () => {
  const w = await world();
  try {
    const fire = await w.ingest({ ...FIRE, messageId: "fire-1" });
    const reply = sampleEmail({
      subject: "Re: My charger caught fire",
      body: "Any news? The desk is ruined.",
      messageId: "fire-reply-1",
      extraHeaders: ["In-Reply-To: <fire-1@example.test>", "References: <fire-1@example.test>"],
    });
    const res = await w.app.ingest(reply);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { id: fire.id, threaded: true });
    assert.equal(w.sent().length, 1, "no fresh alert for a reply");
    const edits = w.tg.calls.filter((c) => c.method === "editMessageText");
    assert.equal(edits.length, 1);
    assert.equal(edits[0].params.message_id, 1);
    assert.match(parseTelegramHtml(String(edits[0].params.text)).text, /Customer replied/);
  } finally {
    await w.stop();
  }
});

Deno.test("a reply that raises a quiet complaint over the threshold alerts once, with the new SLA", async () => {
  const w = await world({ TELEGRAM_MIN_PRIORITY: "high" });
  try {
    const late = await w.ingest({ ...LATE, messageId: "late-1" });
    assert.equal(late.priority, "medium");
    assert.equal(w.sent().length, 0);
    const reply = sampleEmail({
      subject: "Re: My order ORD-12345 has not arrived",
      body: "Third time I write! I want my money back now, or I go to court and the consumer " +
        "protection agency. This is fraud.",
      messageId: "late-reply-1",
      extraHeaders: ["In-Reply-To: <late-1@example.test>"],
    });
    assert.equal((await w.app.ingest(reply)).status, 200);
    const raised = await w.get(late.id);
    assert.equal(raised.priority, "critical");
    assert.equal(raised.slaDueAt, "2026-09-07T11:00:00.000Z", "SLA follows the raised priority");
    assert.equal(w.sent().length, 1);
    await w.app.ingest(reply);
    assert.equal(w.sent().length, 1, "a re-delivered reply sends nothing new");
  } finally {
    await w.stop();
  }
});

Deno.test("a malformed update (message.chat: null, junk, not JSON) gets 200 and changes nothing", async () => {
  const w = await world();
  try {
    const c = await w.ingest(TWICE);
    const broken = callback(111, `take:${c.id}`, 1);
    (broken.callback_query.message as { chat: unknown }).chat = null;
    for (const update of [broken, { update_id: "x" }, [1, 2], null, { callback_query: {} }]) {
      const res = await postUpdate(w, update);
      assert.equal(res.status, 200, JSON.stringify(update));
      assert.deepEqual(await res.json(), { ok: true });
    }
    const text = await fetch(`${w.app.url}/functions/v1/telegram`, {
      method: "POST",
      headers: { "x-telegram-bot-api-secret-token": SECRET },
      body: "{not json",
    });
    assert.equal(text.status, 200);
    await text.body?.cancel();
    const after = await w.get(c.id);
    assert.equal(after.assignee, null);
    assert.equal(after.status, "new");
    assert.equal(w.tg.calls.filter((x) => x.method === "answerCallbackQuery").length, 0);
  } finally {
    await w.stop();
  }
});

Deno.test("Telegram resending an update that already acted does not act again", async () => {
  const w = await world();
  try {
    const c = await w.ingest(TWICE);
    const press = callback(111, `take:${c.id}`, 1);
    for (let i = 0; i < 3; i++) {
      const res = await postUpdate(w, press);
      assert.equal(res.status, 200);
      await res.body?.cancel();
    }
    const after = await w.get(c.id);
    assert.equal(after.assignee, "ann@example.com");
    assert.equal(after.history.filter((h) => h.action === "assigned").length, 1);
    assert.equal(w.tg.calls.filter((x) => x.method === "answerCallbackQuery").length, 1);
    assert.equal(w.tg.calls.filter((x) => x.method === "editMessageText").length, 1);
  } finally {
    await w.stop();
  }
});

Deno.test("a failure while acting is answered 200 and told to the agent, never left to a retry", async () => {
  const w = await world();
  try {
    const c = await w.ingest(TWICE);
    const store = w.app.ctx.store;
    const getComplaint = store.getComplaint;
    store.getComplaint = () => Promise.reject(new Error("database is locked"));
    try {
      const res = await postUpdate(w, callback(111, `take:${c.id}`, 1));
      assert.equal(res.status, 200);
      await res.body?.cancel();
    } finally {
      store.getComplaint = getComplaint;
    }
    const answer = w.tg.calls.find((x) => x.method === "answerCallbackQuery")!;
    assert.match(String(answer.params.text), /went wrong/);
    assert.equal(answer.params.show_alert, true);
    assert.equal((await w.get(c.id)).assignee, null);
  } finally {
    await w.stop();
  }
});
