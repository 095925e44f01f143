import assert from "node:assert/strict";
import { withTempStore } from "../../test/support/store.ts";
import { makeComplaint } from "../../test/support/complaints.ts";
import { createLogger } from "../log.ts";
import { addSavedReply, type ReplyAuthor } from "./saved.ts";
import { draftReply } from "./draft.ts";
import { ClaudeDrafter } from "./claude_drafter.ts";
import { startFakeAnthropic } from "../../test/fakes/anthropic.ts";

const bea: ReplyAuthor = { email: "bea@x.test", name: "Bea Novak", team: "", admin: false };
const log = createLogger("error", () => {});

Deno.test("offline, the draft is the best saved reply of the category, filled, asking for what is missing", () =>
  withTempStore(async (store) => {
    const ctx = { store, now: () => new Date("2026-05-01T10:00:00Z"), log };
    await addSavedReply(ctx, {
      title: "Broken item",
      body: "Здравствуйте, {{customer.name}}! Мы заменим товар по заказу {{order}}.",
      team: "",
      category: "quality",
      language: "ru",
    }, bea);
    const c = makeComplaint({
      category: "quality",
      language: "ru",
      customer: { email: "ivan@x.test", name: "Иван" },
      entities: { ...makeComplaint().entities, orderNumbers: [] },
      attachments: [],
    });
    const draft = await draftReply(ctx, c, bea);
    assert.equal(draft.source, "saved_reply");
    assert.deepEqual(draft.asks, ["order", "photo"]);
    assert.match(draft.text, /^Здравствуйте, Иван! Мы заменим товар по заказу \./);
    assert.match(draft.text, /Пришлите, пожалуйста, номер вашего заказа\./);
    assert.match(draft.text, /Пришлите, пожалуйста, фотографию повреждения\./);
  }));

Deno.test("offline with no fitting saved reply, the draft acknowledges in the customer's language and signs", () =>
  withTempStore(async (store) => {
    const ctx = { store, now: () => new Date(), log };
    const c = makeComplaint({
      category: "other",
      language: "kk",
      ref: "K7Q2MX",
      customer: { email: "a@x.test", name: "Айгүл" },
    });
    const draft = await draftReply(ctx, c, bea);
    assert.equal(draft.source, "acknowledgement");
    assert.deepEqual(draft.asks, []);
    assert.match(draft.text, /^Сәлеметсіз бе, Айгүл!/);
    assert.match(draft.text, /#K7Q2MX/);
    assert.match(draft.text, /Құрметпен,\nBea Novak$/);
  }));

Deno.test("Claude (through the SDK) writes the draft from the request; when it fails the offline draft stands, with the reason", async () => {
  let down = false;
  const claude = await startFakeAnthropic({
    respond: () => (down ? { status: 500 } : { text: "Dear Dana, …" }),
  });
  try {
    await withTempStore(async (store) => {
      const drafter = new ClaudeDrafter({
        apiKey: claude.apiKey,
        baseURL: claude.url,
        model: "claude-test",
        timeoutMs: 5_000,
      });
      const ctx = { store, now: () => new Date("2026-05-01T10:00:00Z"), log, drafter };
      const c = makeComplaint({ category: "delivery", language: "en" });
      const ok = await draftReply(ctx, c, bea);
      assert.equal(ok.source, "claude");
      assert.equal(ok.text, "Dear Dana, …");
      assert.match(
        JSON.stringify(claude.requests[0].body.messages),
        /Agent signing the reply: Bea Novak/,
      );
      assert.equal((await store.listUsage("2026-05-01"))[0].calls, 1, "its tokens are counted");
      down = true;
      const fallback = await draftReply(ctx, c, bea);
      assert.equal(fallback.source, "acknowledgement");
      assert.match(fallback.fallback ?? "", /500/);
    });
  } finally {
    await claude.stop();
  }
});
