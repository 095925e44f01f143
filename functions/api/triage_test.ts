import assert from "node:assert/strict";
import { type TestApp, withTestApp } from "../../test/support/app.ts";
import { seedComplaint } from "../../test/e2e/seed.ts";

const patch = (app: TestApp, id: string, body: unknown) =>
  app.api(`/complaints/${id}`, {
    method: "PATCH",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });

const analysis = (analyzer: string) => ({ analyzer, ms: 1, cached: false });

Deno.test("PATCH /complaints/:id corrects category and team; history keeps the analyzer's original", () =>
  withTestApp(async (app) => {
    const c = await seedComplaint(app.ctx, {
      subject: "Charged twice",
      category: "returns",
      team: "returns",
      analysis: analysis("local"),
    });
    const res = await patch(app, c.id, { category: "billing", priority: "high" });
    assert.equal(res.status, 200);
    const updated = await res.json();
    assert.equal(updated.category, "billing");
    assert.equal(updated.team, "billing", "the team follows the corrected category");
    const entry = updated.history.find((h: { action: string }) => h.action === "category_changed");
    assert.deepEqual(entry.details, { from: "returns", to: "billing", original: "returns" });
    assert.equal(entry.actor, "api");

    const moved = await (await patch(app, c.id, { team: "quality" })).json();
    assert.equal(moved.team, "quality");
    assert.deepEqual(moved.history.at(-1).details, {
      from: "billing",
      to: "quality",
      original: "returns",
    });
  }));

Deno.test("PATCH /complaints/:id refuses an unknown category or team with a 422 and changes nothing", () =>
  withTestApp(async (app) => {
    const c = await seedComplaint(app.ctx, { subject: "x", category: "returns", team: "returns" });
    const badCategory = await patch(app, c.id, { category: "astrology" });
    assert.equal(badCategory.status, 422);
    await badCategory.body?.cancel();
    const badTeam = await patch(app, c.id, { team: "<b>nobody</b>" });
    assert.equal(badTeam.status, 422);
    assert.equal((await badTeam.json()).error.code, "unknown_team");
    const stored = (await app.ctx.store.getComplaint(c.id))!;
    assert.equal(stored.team, "returns");
    assert.equal(stored.history.length, c.history.length);
  }));

Deno.test("GET /triage-agreement counts, per analyzer, the complaints whose category and priority agents kept", () =>
  withTestApp(async (app) => {
    // local: 3 analysed, one category corrected → 2 of 3 kept (0.667).
    const local = [];
    for (let i = 0; i < 3; i++) {
      local.push(await seedComplaint(app.ctx, { subject: `l${i}`, analysis: analysis("local") }));
    }
    // claude: 2 analysed, one priority corrected → 1 of 2 (0.5).
    const claude = [];
    for (let i = 0; i < 2; i++) {
      claude.push(await seedComplaint(app.ctx, { subject: `c${i}`, analysis: analysis("claude") }));
    }
    // fallback: 1 analysed, untouched → 1 of 1.
    await seedComplaint(app.ctx, {
      subject: "f",
      analysis: { ...analysis("local"), fallback: { from: "claude", reason: "timeout" } },
    });
    assert.equal((await patch(app, local[0].id, { category: "billing" })).status, 200);
    assert.equal((await patch(app, claude[1].id, { priority: "critical" })).status, 200);
    // A note or a status change is no correction of the triage.
    assert.equal((await patch(app, local[1].id, { status: "resolved", note: "ok" })).status, 200);

    const res = await app.api("/triage-agreement");
    assert.equal(res.status, 200);
    const body = await res.json();
    assert.deepEqual(
      body.byAnalyzer.map((
        r: { analyzer: string; analysed: number; kept: number; share: number },
      ) => [
        r.analyzer,
        r.analysed,
        r.kept,
        r.share,
      ]),
      [["local", 3, 2, 0.667], ["claude", 2, 1, 0.5], ["fallback", 1, 1, 1]],
    );
    assert.deepEqual([body.overall.analysed, body.overall.kept, body.overall.share], [6, 4, 0.667]);
  }));
