import assert from "node:assert/strict";
import { Browser, startServer } from "./web_server.ts";
import { seedComplaint } from "./seed.ts";

Deno.test("the dashboard shows triage agreement per analyzer; the detail page lets agents correct category and team", async () => {
  const s = await startServer();
  try {
    const b = new Browser(s.base);
    const analysis = { analyzer: "claude", ms: 1, cached: false };
    const c = await seedComplaint(s.ctx, {
      subject: "Charged twice",
      category: "returns",
      team: "returns",
      analysis,
    });
    await seedComplaint(s.ctx, { subject: "Fine", analysis });
    await b.login();
    const detail = await b.text(`/complaints/${c.id}`);
    assert.ok(detail.includes('name="category"'), "a category picker");
    assert.ok(detail.includes('name="team"'), "a team picker");
    assert.ok(detail.includes('<option value="billing"'));
    const csrf = detail.match(/"csrf":"([^"]+)"/)?.[1] ??
      detail.match(/name="_csrf" value="([^"]+)"/)![1];
    const res = await b.fetch(`/functions/v1/api/complaints/${c.id}`, {
      method: "PATCH",
      headers: { "content-type": "application/json", "x-csrf-token": csrf },
      body: JSON.stringify({ category: "billing" }),
    });
    assert.equal(res.status, 200);
    await res.body?.cancel();

    const dashboard = await b.text("/");
    assert.ok(dashboard.includes("Triage agreement"));
    const row = dashboard.match(/<tr class="agreement-claude">([\s\S]*?)<\/tr>/)![1];
    const cells = [...row.matchAll(/<td>([\s\S]*?)<\/td>/g)].map((m) => m[1]);
    // claude: 2 analysed, category kept on 1, priority on 2, both on 1 → 50%.
    assert.deepEqual(cells, ["claude", "2", "1", "2", "<strong>50%</strong> (1)"]);
    assert.ok(dashboard.includes('<tr class="agreement-local"><td>local</td><td>0</td>'));
  } finally {
    await s.close();
  }
});
