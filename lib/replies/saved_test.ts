import assert from "node:assert/strict";
import { withTempStore } from "../../test/support/store.ts";
import { makeComplaint } from "../../test/support/complaints.ts";
import { ForbiddenError, NotFoundError } from "../errors.ts";
import {
  addSavedReply,
  changeSavedReply,
  removeSavedReply,
  type ReplyAuthor,
  savedRepliesFor,
  visibleSavedReplies,
} from "./saved.ts";

const bea: ReplyAuthor = { email: "bea@x.test", name: "Bea", team: "logistics", admin: false };
const tom: ReplyAuthor = { email: "tom@x.test", name: "Tom", team: "billing", admin: false };
const admin: ReplyAuthor = { email: "ada@x.test", name: "Ada", team: "", admin: true };
const ctx = (store: Parameters<Parameters<typeof withTempStore>[0]>[0]) => ({
  store,
  now: () => new Date("2026-05-01T10:00:00Z"),
});

Deno.test("agents see shared saved replies and their team's; admins see all", () =>
  withTempStore(async (store) => {
    const shared = await addSavedReply(
      ctx(store),
      { title: "Thanks", body: "Thanks!", team: "" },
      bea,
    );
    const mine = await addSavedReply(
      ctx(store),
      { title: "Courier", body: "The courier…", team: "logistics" },
      bea,
    );
    const theirs = await addSavedReply(
      ctx(store),
      { title: "Refund", body: "Refund sent", team: "billing" },
      tom,
    );
    const ids = async (who: ReplyAuthor) =>
      (await visibleSavedReplies(ctx(store), who)).map((r) => r.id).sort();
    assert.deepEqual(await ids(bea), [shared.id, mine.id].sort());
    assert.deepEqual(await ids(tom), [shared.id, theirs.id].sort());
    assert.deepEqual(await ids(admin), [shared.id, mine.id, theirs.id].sort());
  }));

Deno.test("only the author, the reply's team or an admin change or delete it; nobody files into another team", () =>
  withTempStore(async (store) => {
    const r = await addSavedReply(
      ctx(store),
      { title: "Courier", body: "x", team: "logistics" },
      bea,
    );
    await assert.rejects(
      changeSavedReply(ctx(store), r.id, { title: "Mine" }, tom),
      ForbiddenError,
    );
    await assert.rejects(removeSavedReply(ctx(store), r.id, tom), ForbiddenError);
    await assert.rejects(
      addSavedReply(ctx(store), { title: "x", body: "x", team: "logistics" }, tom),
      ForbiddenError,
    );
    const changed = await changeSavedReply(ctx(store), r.id, { body: "New" }, admin);
    assert.equal(changed.body, "New");
    await removeSavedReply(ctx(store), r.id, bea);
    await assert.rejects(removeSavedReply(ctx(store), r.id, bea), NotFoundError);
  }));

Deno.test("filled for a complaint, the replies of its category and language come first", () =>
  withTempStore(async (store) => {
    await addSavedReply(ctx(store), {
      title: "Refund sent",
      body: "Hello {{customer.name}}, the refund is sent.",
      team: "",
      category: "billing",
    }, admin);
    await addSavedReply(ctx(store), {
      title: "Посылка задерживается",
      body: "Здравствуйте, {{customer.name}}! Заказ {{order}} в пути. {{agent.name}}",
      team: "",
      category: "delivery",
      language: "ru",
    }, admin);
    await addSavedReply(ctx(store), {
      title: "Parcel delayed",
      body: "Hello {{customer.name}}, order {{order}} is on its way. {{agent.name}}",
      team: "",
      category: "delivery",
      language: "en",
    }, admin);
    const c = makeComplaint({
      category: "delivery",
      language: "ru",
      customer: { email: "ivan@x.test", name: "Иван" },
      entities: { ...makeComplaint().entities, orderNumbers: ["ORD-77"] },
    });
    const list = await savedRepliesFor(ctx(store), c, bea);
    assert.deepEqual(list.map((r) => r.title), [
      "Посылка задерживается",
      "Parcel delayed",
      "Refund sent",
    ]);
    assert.equal(list[0].text, "Здравствуйте, Иван! Заказ ORD-77 в пути. Bea");
    assert.deepEqual(list[0].missing, []);
  }));

Deno.test("a saved reply's category and language are cleared back to any with null; left out they stay", () =>
  withTempStore(async (store) => {
    const r = await addSavedReply(ctx(store), {
      title: "Courier",
      body: "The courier…",
      team: "logistics",
      category: "delivery",
      language: "en",
    }, bea);
    const renamed = await changeSavedReply(ctx(store), r.id, { title: "Courier late" }, bea);
    assert.equal(renamed.category, "delivery", "left out: kept");
    assert.equal(renamed.language, "en");

    const cleared = await changeSavedReply(
      ctx(store),
      r.id,
      { category: null, language: null },
      bea,
    );
    assert.equal("category" in cleared, false);
    assert.equal("language" in cleared, false);
    const stored = (await store.getSavedReply(r.id))!;
    assert.equal("category" in stored, false, "cleared in the store too");
    assert.equal("language" in stored, false);
    assert.equal(stored.team, "logistics", "the team is untouched");
    assert.equal(stored.title, "Courier late");
  }));
