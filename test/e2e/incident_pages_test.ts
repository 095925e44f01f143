import assert from "node:assert/strict";
import { Browser, startServer } from "./web_server.ts";
import { seedComplaint } from "./seed.ts";
import type { Incident } from "../../lib/schema/incident.ts";

Deno.test("the incidents pages list open incidents, show the members, and resolve them all with one note; the complaint links its incident", async () => {
  const s = await startServer();
  try {
    const members = [];
    for (let i = 0; i < 5; i++) {
      members.push(
        await seedComplaint(s.ctx, {
          subject: `ShopApp crashes ${i}`,
          status: "new",
          category: "technical",
          customer: { email: `c${i}@example.test`, name: `Customer ${i}` },
        }),
      );
    }
    const at = s.ctx.now().toISOString();
    const incident: Incident = {
      id: "inc-pages-1",
      title: "ShopApp crashes at login",
      category: "technical",
      keywords: ["shopapp"],
      products: ["shopapp"],
      subcategories: [],
      status: "open",
      memberCount: members.length,
      customerCount: members.length,
      firstAt: at,
      lastAt: at,
      createdAt: at,
      updatedAt: at,
    };
    await s.ctx.store.createIncident(incident);
    // Membership is the complaint's incidentId.
    for (const m of members) {
      await s.ctx.store.updateComplaint(m.id, { incidentId: incident.id }, []);
    }
    const b = new Browser(s.base);
    await b.login();

    const list = await b.text("/incidents");
    assert.match(list, /href="\/incidents\/inc-pages-1">ShopApp crashes at login<\/a>/);
    assert.match(list, /<td>5<\/td><td>5<\/td>/);
    const complaint = await b.text(`/complaints/${members[0].id}`);
    assert.ok(complaint.includes('href="/incidents/inc-pages-1"'), "the complaint links it");

    const page = await b.text("/incidents/inc-pages-1");
    for (const m of members) assert.ok(page.includes(`href="/complaints/${m.id}"`));
    assert.match(page, /Resolve 5 complaints/);
    assert.ok(!page.includes('class="pagination"'), "one page needs no pager");
    // Pages of members, newest first, with links that keep the page size.
    const second = await b.text("/incidents/inc-pages-1?page=2&limit=2");
    assert.match(second, /Page 2 of 3 · 5 complaints/);
    assert.ok(second.includes('href="/incidents/inc-pages-1?page=1&amp;limit=2">← Newer'));
    assert.ok(second.includes('href="/incidents/inc-pages-1?page=3&amp;limit=2">Older →'));
    const shown = members.filter((m) => second.includes(`href="/complaints/${m.id}"`));
    assert.equal(shown.length, 2);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page)![1];

    const empty = await b.form("/incidents/inc-pages-1", { _csrf: csrf, note: "" });
    assert.equal(empty.status, 422);
    assert.match(await empty.text(), /Write the note every member gets/);

    const done = await b.form("/incidents/inc-pages-1", { _csrf: csrf, note: "Fixed in 4.2.1" });
    assert.equal(done.status, 303);
    await done.body?.cancel();
    const after = await b.text("/incidents/inc-pages-1");
    assert.match(after, /Resolved by agent@example\.com[\s\S]*Fixed in 4\.2\.1/);
    assert.ok(!after.includes("Resolve 5 complaints"));
    for (const m of members) {
      assert.equal((await s.ctx.store.getComplaint(m.id))!.status, "resolved");
    }
    assert.equal((await b.fetch("/incidents/nope")).status, 404);
  } finally {
    await s.close();
  }
});
