import assert from "node:assert/strict";
import { withTempStore } from "../../test/support/store.ts";
import { makeComplaint } from "../../test/support/complaints.ts";
import { createLogger } from "../log.ts";
import { addSavedReply, type ReplyAuthor } from "./saved.ts";
import { draftReply } from "./draft.ts";
import type { DraftRequest, ReplyDrafter } from "./drafter.ts";

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

Deno.test("a drafter writes it from the request; when it fails the offline draft stands, with the reason", () =>
  withTempStore(async (store) => {
    const seen: DraftRequest[] = [];
    let fail = false;
    const drafter: ReplyDrafter = {
      name: "model",
      draft(r) {
        seen.push(r);
        if (fail) return Promise.reject(new Error("overloaded"));
        return Promise.resolve({
          text: "Dear Dana, …",
          model: "m",
          tokens: { input: 10, output: 5, calls: 1 },
        });
      },
    };
    const ctx = { store, now: () => new Date("2026-05-01T10:00:00Z"), log, drafter };
    const c = makeComplaint({ category: "delivery", language: "en" });
    const ok = await draftReply(ctx, c, bea);
    assert.equal(ok.source, "claude");
    assert.equal(ok.text, "Dear Dana, …");
    assert.equal(seen[0].agentName, "Bea Novak");
    assert.equal((await store.listUsage("2026-05-01"))[0].calls, 1, "its tokens are counted");
    fail = true;
    const fallback = await draftReply(ctx, c, bea);
    assert.equal(fallback.source, "acknowledgement");
    assert.equal(fallback.fallback, "overloaded");
  }));
