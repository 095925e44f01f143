import assert from "node:assert/strict";
import { Browser, startServer } from "./web_server.ts";
import { seedComplaint } from "./seed.ts";

const at = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

Deno.test("list and detail pages show the SLA state and the list filters by it", async () => {
  const s = await startServer();
  try {
    await seedComplaint(s.ctx, { subject: "Late one", slaDueAt: at(-60), slaWarnAt: at(-120) });
    await seedComplaint(s.ctx, { subject: "Soon one", slaDueAt: at(10), slaWarnAt: at(-10) });
    const fine = await seedComplaint(s.ctx, {
      subject: "Fine one",
      slaDueAt: at(600),
      slaWarnAt: at(450),
      escalationLevel: 2,
      team: "billing",
    });
    await seedComplaint(s.ctx, {
      subject: "Done one",
      status: "resolved",
      slaDueAt: at(-60),
      slaWarnAt: at(-120),
    });
    const b = new Browser(s.base);
    await b.login();
    const all = await b.text("/complaints");
    assert.ok(all.includes("<th>SLA</th>"));
    assert.equal(all.match(/class="badge sla-overdue"/g)?.length, 1, "resolved ones show no SLA");
    assert.equal(all.match(/class="badge sla-due_soon"/g)?.length, 1);
    assert.equal(all.match(/class="badge sla-on_time"/g)?.length, 1);
    const overdue = await b.text("/complaints?sla=overdue");
    assert.ok(overdue.includes("Late one"));
    assert.ok(!overdue.includes("Soon one") && !overdue.includes("Done one"));
    assert.ok(overdue.includes('<option value="overdue" selected>'));
    const soon = await b.text("/complaints?sla=due_soon");
    assert.ok(soon.includes("Soon one") && !soon.includes("Late one"));
    const detail = await b.text(`/complaints/${fine.id}`);
    assert.ok(detail.includes('class="badge sla-on_time"'));
    assert.ok(detail.includes("level 2 · billing"));
  } finally {
    await s.close();
  }
});
