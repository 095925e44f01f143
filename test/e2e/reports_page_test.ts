import assert from "node:assert/strict";
import { Browser, startServer } from "./web_server.ts";
import { seedComplaint } from "./seed.ts";

Deno.test("the reports page groups by week, agent, team or category, links each group to its complaints and offers the CSV", async () => {
  const s = await startServer();
  try {
    const today = s.ctx.now().toISOString().slice(0, 10);
    const received = `${today}T00:00:00.000Z`;
    await seedComplaint(s.ctx, {
      subject: "A",
      receivedAt: received,
      assignee: "bea@example.com",
      category: "delivery",
      slaFirstResponseDueAt: `${today}T01:00:00.000Z`,
      slaClock: { pausedMs: 0, firstResponseAt: `${today}T00:30:00.000Z` },
    });
    await seedComplaint(s.ctx, { subject: "B", receivedAt: received, category: "billing" });
    const b = new Browser(s.base);
    await b.login();
    const byAgent = await b.text(`/reports?by=agent&from=${today}&to=${today}`);
    assert.match(
      byAgent,
      new RegExp(
        `href="/complaints\\?from=${today}&amp;to=${today}&amp;sort=newest&amp;assignee=bea%40example.com">bea@example.com</a>`,
      ),
    );
    assert.match(byAgent, /data-group="bea@example.com"><td>.*?<\/td><td>1<\/td><td>0\.5 h<\/td>/);
    assert.match(byAgent, /<td>100%<\/td>/, "the one first response came within its target");
    const csvHref = /href="(\/functions\/v1\/api\/reports\?[^"]+)"/.exec(byAgent)![1]
      .replaceAll("&amp;", "&");
    const csv = await b.fetch(csvHref);
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get("content-type") ?? "", /^text\/csv/);
    const text = await csv.text();
    assert.match(text, /^group,complaints,/);
    assert.match(text, /\r\nbea@example\.com,1,1,0\.5,0\.5,/);
    const byCategory = await b.text(`/reports?by=category&from=${today}&to=${today}`);
    assert.match(byCategory, /category=delivery">delivery<\/a>/);
    const bad = await b.text("/reports?by=nonsense");
    assert.match(bad, /<option value="week" selected/, "a bad dimension falls back to weeks");
  } finally {
    await s.close();
  }
});
