import assert from "node:assert/strict";
import { withTestApp } from "../../test/support/app.ts";
import { seedComplaint } from "../../test/e2e/seed.ts";

const orders = (orderNumbers: string[]) => ({
  orderNumbers,
  amounts: [],
  dates: [],
  products: [],
  phones: [],
});

Deno.test("GET /customers/:email/complaints lists the customer's complaints with their outcome", () =>
  withTestApp(async (app) => {
    const ann = { email: "ann@example.test", name: "Ann Lee" };
    const done = await seedComplaint(app.ctx, {
      subject: "Late parcel",
      customer: ann,
      status: "resolved",
      entities: orders(["ZE-5"]),
      history: [{
        at: "2026-03-02T10:00:00.000Z",
        actor: "agent@example.com",
        action: "status_changed",
        details: { from: "in_progress", to: "resolved" },
      }],
    });
    const work = await seedComplaint(app.ctx, {
      subject: "Still late",
      customer: { email: "ann.lee@work.test", name: "ann lee" },
      entities: orders(["ZE-5"]),
    });
    await seedComplaint(app.ctx, { subject: "Someone else", entities: orders(["ZE-5"]) });

    const res = await app.api(`/customers/${encodeURIComponent("Ann@Example.test")}/complaints`);
    assert.equal(res.status, 200);
    const { items } = await res.json();
    assert.deepEqual(
      items.map((e: { id: string; via: string }) => [e.id, e.via]),
      [[work.id, "name"], [done.id, "address"]],
    );
    assert.deepEqual(items[1].outcome, { status: "resolved", at: "2026-03-02T10:00:00.000Z" });
    assert.equal(items[0].outcome, null);
  }));

Deno.test("GET /customers/:email/complaints refuses something that is no address with a 400", () =>
  withTestApp(async (app) => {
    const res = await app.api(`/customers/${encodeURIComponent("not an address")}/complaints`);
    assert.equal(res.status, 400);
    assert.equal((await res.json()).error.code, "invalid_email");
  }));

Deno.test("GET /complaints/:id/similar answers the most similar resolved complaints with their last answer; 404 for none", () =>
  withTestApp(async (app) => {
    const current = await seedComplaint(app.ctx, {
      subject: "Refund missing for returned headphones",
      description: "The refund for the returned headphones never arrived.",
    });
    const old = await seedComplaint(app.ctx, {
      subject: "Refund missing for returned headphones",
      description: "Refund never arrived.",
      status: "closed",
      history: [{
        at: "2026-03-03T10:00:00.000Z",
        actor: "agent@example.com",
        action: "note",
        details: { text: "Refund re-sent via the bank." },
      }],
    });
    const res = await app.api(`/complaints/${current.id}/similar`);
    assert.equal(res.status, 200);
    const { items } = await res.json();
    assert.equal(items.length, 1);
    assert.equal(items[0].id, old.id);
    assert.deepEqual(items[0].lastReply, {
      kind: "note",
      text: "Refund re-sent via the bank.",
      at: "2026-03-03T10:00:00.000Z",
      by: "agent@example.com",
    });
    const missing = await app.api(`/complaints/nope/similar`);
    assert.equal(missing.status, 404);
    await missing.body?.cancel();
  }));
