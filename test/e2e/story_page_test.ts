import assert from "node:assert/strict";
import { Browser, startServer } from "./web_server.ts";
import { seedComplaint } from "./seed.ts";

Deno.test("the detail page shows the customer's other complaints and similar resolved ones with their answer, inert", async () => {
  const s = await startServer();
  try {
    const b = new Browser(s.base);
    const hostile = "<script>alert(1)</script>";
    const customer = { email: "ann@example.test", name: "Ann" };
    const earlier = await seedComplaint(s.ctx, {
      subject: `Kettle leaks ${hostile}`,
      customer,
      status: "resolved",
      ref: "OLD111",
      history: [{
        at: "2026-02-01T10:00:00.000Z",
        actor: "agent@example.com",
        action: "status_changed",
        details: { from: "new", to: "resolved" },
      }],
    });
    await seedComplaint(s.ctx, {
      subject: "Refund missing for returned headphones",
      description: "Refund never arrived.",
      status: "closed",
      ref: "SIM222",
      history: [{
        at: "2026-02-02T10:00:00.000Z",
        actor: "bob@example.com",
        action: "note",
        details: { text: `Refund re-sent ${hostile}` },
      }],
    });
    const current = await seedComplaint(s.ctx, {
      subject: "Refund missing for returned headphones",
      description: "The refund for my returned headphones never arrived.",
      customer,
    });
    await b.login();
    const html = await b.text(`/complaints/${current.id}`);
    assert.ok(html.includes("This customer's other complaints (1)"));
    assert.ok(html.includes(`href="/complaints/${earlier.id}"`));
    assert.ok(html.includes("#OLD111"));
    assert.ok(html.includes("Resolved 2026-02-01"));
    assert.ok(html.includes("Similar resolved complaints"));
    assert.ok(html.includes("#SIM222"));
    assert.ok(html.includes("Last note by bob@example.com"));
    assert.ok(html.includes("Refund re-sent &lt;script>alert(1)&lt;/script>"));
    assert.ok(!html.includes("<script>alert(1)"));
  } finally {
    await s.close();
  }
});
