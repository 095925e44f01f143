import assert from "node:assert/strict";
import { CorrectionBook, exampleOf } from "./corrections.ts";
import { contentWords } from "../routing/similarity.ts";
import { makeComplaint } from "../../test/support/complaints.ts";
import { sampleEmail, startTestApp } from "../../test/support/app.ts";

Deno.test("a correction carries over to a much-alike complaint only, the most alike winning", () => {
  const book = new CorrectionBook();
  const words = (s: string) => contentWords("", s);
  book.add({
    words: words("promo code SPRING25 not applied at checkout discount missing"),
    subject: "Promo",
    category: "billing",
  });
  book.add({ words: words("gift card balance not shown"), subject: "Gift card", priority: "low" });
  const hit = book.suggest(
    "",
    "my promo code SPRING25 was not applied at checkout, discount missing",
  );
  assert.equal(hit?.category, "billing");
  assert.equal(hit?.priority, undefined, "only what the agent changed");
  assert.ok(hit!.similarity >= 0.5);
  assert.equal(book.suggest("", "the courier left my parcel at the wrong door"), null);
  assert.equal(book.recent(1)[0].subject, "Gift card");
});

Deno.test("only fields a person changed make an example", () => {
  const c = makeComplaint({ category: "billing", priority: "high" });
  assert.equal(exampleOf(c), null);
  c.history.push({ at: "", actor: "system", action: "priority_changed", details: {} });
  assert.equal(exampleOf(c), null, "the product's own re-triage teaches nothing");
  c.history.push({ at: "", actor: "bea@x.test", action: "category_changed", details: {} });
  assert.deepEqual(
    { category: exampleOf(c)?.category, priority: exampleOf(c)?.priority },
    { category: "billing", priority: undefined },
  );
});

Deno.test("the local analyzer learns from an agent's correction: the next much-alike complaint takes it, others do not", async () => {
  const app = await startTestApp();
  try {
    const text = "The promo code SPRING25 was not applied at checkout and the discount is missing.";
    const post = async (n: number, body: string) =>
      (await (await app.ingest(sampleEmail({
        messageId: `learn-${n}`,
        from: `C${n} <c${n}@example.net>`,
        subject: "Promo code not applied",
        body,
      }))).json()).id as string;
    const first = await post(1, text);
    const before = (await app.ctx.store.getComplaint(first))!;
    const corrected = before.category === "technical" ? "billing" : "technical";
    const patched = await app.api(`/complaints/${first}`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ category: corrected }),
    });
    assert.equal(patched.status, 200);
    assert.ok((await patched.json()).triageCorrectedAt);

    const alike =
      (await app.ctx.store.getComplaint(await post(2, text.replace("SPRING25", "WINTER10"))))!;
    assert.equal(alike.category, corrected);
    assert.ok(alike.analysis?.learned && alike.analysis.learned.similarity >= 0.5);
    const other = (await app.ctx.store.getComplaint(
      await post(3, "My parcel ORD-12345 was left at the wrong door by the courier."),
    ))!;
    assert.equal(other.analysis?.learned, undefined);

    // A restarted product remembers: the book loads corrections from the store.
    const book = new CorrectionBook(app.ctx.store);
    await book.load();
    assert.equal(book.size, 1);
  } finally {
    await app.stop();
  }
});

Deno.test("with Claude, recent corrections travel in the prompt, outside the email's fence", async () => {
  const { startFakeAnthropic } = await import("../../test/fakes/anthropic.ts");
  const { validAnalysis } = await import("../../test/support/analysis.ts");
  const { TOOL_NAME } = await import("./claude/prompt.ts");
  const claude = await startFakeAnthropic({
    respond: () => ({ toolUse: { name: TOOL_NAME, input: validAnalysis } }),
  });
  const app = await startTestApp({
    ANTHROPIC_API_KEY: claude.apiKey,
    ANTHROPIC_BASE_URL: claude.url,
  });
  try {
    const { id } = await (await app.ingest(sampleEmail({
      messageId: "ex-1",
      subject: "Bonus points missing",
      body: "My bonus points for order ORD-12345 were not added.",
    }))).json();
    const res = await app.api(`/complaints/${id}`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ category: "other", priority: "low" }),
    });
    assert.equal(res.status, 200);
    await res.body?.cancel();
    await app.ingest(sampleEmail({
      messageId: "ex-2",
      from: "Other <other@example.net>",
      subject: "Kettle broken",
      body: "The kettle from ORD-54321 stopped working.",
    }));
    const text = JSON.stringify(claude.requests.at(-1)!.body.messages);
    assert.match(
      text,
      /Agents recently corrected[^<]*Bonus points missing[^<]*category other, priority low/,
    );
    assert.ok(text.indexOf("Bonus points missing") < text.indexOf("<email>"), "outside the fence");
  } finally {
    await app.stop();
    await claude.stop();
  }
});
