import assert from "node:assert/strict";
import { withTempStore } from "../../test/support/store.ts";
import { ForbiddenError, InvalidError, NotFoundError } from "../errors.ts";
import type { SqliteStore } from "../store/sqlite.ts";
import { addSavedReply, type ReplyAuthor } from "./saved.ts";
import { submitSavedReplyForm } from "./forms.ts";

const bea: ReplyAuthor = { email: "bea@x.test", name: "Bea", team: "logistics", admin: false };
const tom: ReplyAuthor = { email: "tom@x.test", name: "Tom", team: "billing", admin: false };
const ada: ReplyAuthor = { email: "ada@x.test", name: "Ada", team: "", admin: true };

const ctx = (store: SqliteStore) => ({ store, now: () => new Date("2026-05-01T10:00:00Z") });

/** A posted form, as the /replies page sends it. */
function form(fields: Record<string, string>): FormData {
  const f = new FormData();
  for (const [name, value] of Object.entries(fields)) f.append(name, value);
  return f;
}

/** The page's add form: every field present, the unused ones blank. */
const createForm = (fields: Record<string, string>) =>
  form({
    _csrf: "token",
    _action: "create",
    title: "",
    body: "",
    team: "",
    category: "",
    language: "",
    ...fields,
  });

Deno.test("create: the form's fields become a saved reply by the agent; line breaks are normalised and blank optional fields left out", () =>
  withTempStore(async (store) => {
    const notice = await submitSavedReplyForm(
      ctx(store),
      bea,
      createForm({ title: " Parcel late ", body: "Hello {{customer.name}},\r\nsorry.\r\n" }),
    );
    assert.equal(notice, "Saved reply “Parcel late” added.");
    const [r, ...more] = await store.listSavedReplies();
    assert.equal(more.length, 0);
    assert.equal(r.title, "Parcel late");
    assert.equal(r.body, "Hello {{customer.name}},\nsorry.\n");
    assert.equal(r.team, "", "shared");
    assert.equal(r.createdBy, bea.email);
    assert.equal(r.createdAt, "2026-05-01T10:00:00.000Z");
    assert.equal("category" in r, false, "no category chosen: none stored");
    assert.equal("language" in r, false);

    await submitSavedReplyForm(
      ctx(store),
      bea,
      createForm({
        title: "Courier",
        body: "The courier…",
        team: "logistics",
        category: "delivery",
        language: "en",
      }),
    );
    const courier = (await store.listSavedReplies()).find((x) => x.title === "Courier")!;
    assert.equal(courier.team, "logistics");
    assert.equal(courier.category, "delivery");
    assert.equal(courier.language, "en");
  }));

Deno.test("create: the author, id and times are the server's, whatever else the form carries", () =>
  withTempStore(async (store) => {
    await submitSavedReplyForm(
      ctx(store),
      bea,
      createForm({
        title: "Thanks",
        body: "Thanks!",
        id: "chosen-id",
        createdBy: "ada@x.test",
        createdAt: "2000-01-01T00:00:00Z",
      }),
    );
    const [r] = await store.listSavedReplies();
    assert.equal(r.createdBy, bea.email);
    assert.notEqual(r.id, "chosen-id");
    assert.equal(r.createdAt, "2026-05-01T10:00:00.000Z");
  }));

Deno.test("create: a missing or blank title or text, or an unknown category, is refused naming the field, and nothing is saved", () =>
  withTempStore(async (store) => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ title: "", body: "Text" }, /title/],
      [{ title: "   ", body: "Text" }, /title/],
      [{ title: "Title", body: "" }, /body/],
      [{ title: "Title", body: " \r\n " }, /body/],
      [{ title: "Title", body: "Text", category: "weather" }, /category/],
      [{ title: "x".repeat(201), body: "Text" }, /title/],
    ];
    for (const [fields, field] of cases) {
      await assert.rejects(
        submitSavedReplyForm(ctx(store), bea, createForm(fields)),
        (e) =>
          e instanceof InvalidError && e.message.startsWith("Please check the form — ") &&
          field.test(e.message),
        JSON.stringify(fields),
      );
    }
    assert.deepEqual(await store.listSavedReplies(), []);
  }));

Deno.test("create: an agent files a saved reply for everyone or their own team only; an admin for any team", () =>
  withTempStore(async (store) => {
    await assert.rejects(
      submitSavedReplyForm(ctx(store), bea, createForm({ title: "T", body: "B", team: "billing" })),
      ForbiddenError,
    );
    assert.deepEqual(await store.listSavedReplies(), []);
    assert.equal(
      await submitSavedReplyForm(
        ctx(store),
        ada,
        createForm({ title: "Refunds", body: "B", team: "billing" }),
      ),
      "Saved reply “Refunds” added.",
    );
    assert.equal((await store.listSavedReplies())[0].team, "billing");
  }));

Deno.test("update: the fields given change, a blank title or text leaves it as it was, and the team field decides who sees it", () =>
  withTempStore(async (store) => {
    const r = await addSavedReply(ctx(store), {
      title: "Courier",
      body: "Old text",
      team: "logistics",
      category: "delivery",
    }, bea);
    const later = () => new Date("2026-05-02T08:00:00Z");
    const notice = await submitSavedReplyForm(
      { store, now: later },
      bea,
      form({
        _action: "update",
        id: r.id,
        title: "",
        body: "New text\r\nline two",
        team: "",
        category: "returns",
        language: "en",
      }),
    );
    assert.equal(notice, "Saved reply “Courier” changed.");
    const now = (await store.getSavedReply(r.id))!;
    assert.equal(now.title, "Courier", "blank title: kept");
    assert.equal(now.body, "New text\nline two");
    assert.equal(now.team, "", "now shared with everyone");
    assert.equal(now.category, "returns");
    assert.equal(now.language, "en");
    assert.equal(now.createdBy, bea.email);
    assert.equal(now.updatedAt, "2026-05-02T08:00:00.000Z");

    await submitSavedReplyForm(
      { store, now: later },
      bea,
      form({ _action: "update", id: r.id, title: "Courier late", body: "  ", team: "" }),
    );
    const again = (await store.getSavedReply(r.id))!;
    assert.equal(again.title, "Courier late");
    assert.equal(again.body, "New text\nline two", "blank text: kept");
  }));

Deno.test("update and delete: only the author, the reply's team or an admin; an unknown one is not found", () =>
  withTempStore(async (store) => {
    const r = await addSavedReply(
      ctx(store),
      { title: "Courier", body: "x", team: "logistics" },
      bea,
    );
    await assert.rejects(
      submitSavedReplyForm(
        ctx(store),
        tom,
        form({ _action: "update", id: r.id, title: "Mine", team: "" }),
      ),
      ForbiddenError,
    );
    await assert.rejects(
      submitSavedReplyForm(ctx(store), tom, form({ _action: "delete", id: r.id })),
      ForbiddenError,
    );
    assert.equal((await store.getSavedReply(r.id))?.title, "Courier", "unchanged");
    // Moving it to another team is refused even to its author.
    await assert.rejects(
      submitSavedReplyForm(
        ctx(store),
        bea,
        form({ _action: "update", id: r.id, team: "billing" }),
      ),
      ForbiddenError,
    );
    for (const action of ["update", "delete"]) {
      await assert.rejects(
        submitSavedReplyForm(ctx(store), bea, form({ _action: action, id: "no-such-reply" })),
        NotFoundError,
        action,
      );
    }

    assert.equal(
      await submitSavedReplyForm(ctx(store), ada, form({ _action: "delete", id: r.id })),
      "Saved reply deleted.",
    );
    assert.equal(await store.getSavedReply(r.id), null);
  }));

Deno.test("update and delete need a well-formed id; an unknown action is refused", () =>
  withTempStore(async (store) => {
    const r = await addSavedReply(ctx(store), { title: "Thanks", body: "x", team: "" }, bea);
    for (const id of [undefined, "", "../x", "a b", "x".repeat(101)]) {
      for (const action of ["update", "delete"]) {
        const fields: Record<string, string> = { _action: action, title: "Changed" };
        if (id !== undefined) fields.id = id;
        await assert.rejects(
          submitSavedReplyForm(ctx(store), ada, form(fields)),
          (e) => e instanceof InvalidError && e.message === "No saved reply chosen.",
          `${action} ${id}`,
        );
      }
    }
    for (const action of ["archive", "", "CREATE"]) {
      await assert.rejects(
        submitSavedReplyForm(ctx(store), ada, form({ _action: action, id: r.id })),
        (e) => e instanceof InvalidError && e.message === "Unknown action.",
        action,
      );
    }
    assert.deepEqual(await store.getSavedReply(r.id), r, "nothing changed");
  }));

Deno.test('update: the form\'s "any" category and a blank language clear them; a form without those fields keeps them', () =>
  withTempStore(async (store) => {
    const r = await addSavedReply(ctx(store), {
      title: "Courier",
      body: "Text",
      team: "logistics",
      category: "delivery",
      language: "en",
    }, bea);
    await submitSavedReplyForm(
      ctx(store),
      bea,
      form({ _action: "update", id: r.id, title: "Courier late", team: "logistics" }),
    );
    const kept = (await store.getSavedReply(r.id))!;
    assert.equal(kept.category, "delivery", "not in the form: kept");
    assert.equal(kept.language, "en");

    await submitSavedReplyForm(
      ctx(store),
      bea,
      form({
        _action: "update",
        id: r.id,
        title: "Courier late",
        body: "Text",
        team: "logistics",
        category: "",
        language: " ",
      }),
    );
    const cleared = (await store.getSavedReply(r.id))!;
    assert.equal("category" in cleared, false, "any category");
    assert.equal("language" in cleared, false, "any language");
    assert.equal(cleared.team, "logistics", "still the team's");
  }));
