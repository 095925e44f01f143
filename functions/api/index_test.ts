import assert from "node:assert/strict";
import { sampleEmail, withTestApp } from "../../test/support/app.ts";
import { createSession } from "../../lib/auth/session.ts";
import { seedAgent } from "../../test/support/agents.ts";

const json = (body: unknown) => ({
  method: "PATCH",
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});

Deno.test("health is open; everything else needs the API token", () =>
  withTestApp(async (app) => {
    const health = await fetch(`${app.url}/functions/v1/api/health`);
    assert.equal(health.status, 200);
    assert.equal((await health.json()).ok, true);
    for (const path of ["/complaints", "/stats", "/categories", "/processed-emails"]) {
      const res = await fetch(`${app.url}/functions/v1/api${path}`);
      assert.equal(res.status, 401, path);
      assert.equal((await res.json()).error.code, "unauthorized");
    }
    const wrong = await fetch(`${app.url}/functions/v1/api/stats`, {
      headers: { authorization: "Bearer nope" },
    });
    assert.equal(wrong.status, 401);
    await wrong.body?.cancel();
  }));

Deno.test("list filters, paginates and validates its query", () =>
  withTestApp(async (app) => {
    for (const word of ["alpha", "bravo", "charlie"]) {
      assert.equal((await app.ingest(sampleEmail({ subject: `Parcel ${word} lost` }))).status, 201);
    }
    const page = await (await app.api("/complaints?limit=2&page=1")).json();
    assert.equal(page.total, 3);
    assert.equal(page.items.length, 2);
    assert.equal(page.page, 1);
    assert.equal(page.limit, 2);
    const found = await (await app.api("/complaints?q=parcel%20brav")).json();
    assert.equal(found.total, 1);
    assert.equal(found.items[0].subject, "Parcel bravo lost");
    const none = await (await app.api("/complaints?status=resolved")).json();
    assert.equal(none.total, 0);
    for (const bad of ["limit=500", "status=bogus", "page=0", "from=yesterday"]) {
      const res = await app.api(`/complaints?${bad}`);
      assert.equal(res.status, 422, bad);
      assert.equal((await res.json()).error.code, "invalid_input");
    }
  }));

Deno.test("PATCH changes status, assignee and priority, adds a note, and records history", () =>
  withTestApp(async (app) => {
    const { id } = await (await app.ingest(sampleEmail())).json();
    await seedAgent(app.ctx, { email: "ann@example.test", role: "agent" }); // assignees are agents
    const res = await app.api(
      `/complaints/${id}`,
      json({
        status: "in_progress",
        assignee: "ann@example.test",
        priority: "high",
        note: "Called the courier",
      }),
    );
    assert.equal(res.status, 200);
    const updated = await res.json();
    assert.equal(updated.status, "in_progress");
    assert.equal(updated.assignee, "ann@example.test");
    assert.equal(updated.priority, "high");
    const actions = updated.history.map((h: { action: string; actor: string }) => h.action);
    assert.deepEqual(actions.slice(-4), ["status_changed", "assigned", "priority_changed", "note"]);
    assert.equal(updated.history.at(-1).actor, "api");
    const filtered = await (await app.api("/complaints?status=in_progress")).json();
    assert.equal(filtered.total, 1);
  }));

Deno.test("PATCH refuses unknown fields (422), bad values (422), bad JSON (400), unknown ids (404)", () =>
  withTestApp(async (app) => {
    const { id } = await (await app.ingest(sampleEmail())).json();
    const unknown = await app.api(`/complaints/${id}`, json({ status: "resolved", category: "x" }));
    assert.equal(unknown.status, 422);
    assert.match((await unknown.json()).error.message, /category/);
    const badValue = await app.api(`/complaints/${id}`, json({ status: "done" }));
    assert.equal(badValue.status, 422);
    await badValue.body?.cancel();
    const badJson = await app.api(`/complaints/${id}`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: "{nope",
    });
    assert.equal(badJson.status, 400);
    await badJson.body?.cancel();
    const missing = await app.api(`/complaints/does-not-exist`, json({ status: "resolved" }));
    assert.equal(missing.status, 404);
    assert.equal((await missing.json()).error.code, "not_found");
    const operator = await app.api(`/complaints/${id}`, json({ status: { $ne: null } }));
    assert.equal(operator.status, 422);
    await operator.body?.cancel();
    const unchanged = await (await app.api(`/complaints/${id}`)).json();
    assert.equal(unchanged.status, "new");
  }));

Deno.test("stats and categories describe the inbox", () =>
  withTestApp(async (app) => {
    await app.ingest(sampleEmail());
    const stats = await (await app.api("/stats")).json();
    assert.equal(stats.total, 1);
    assert.equal(stats.byStatus.new, 1);
    assert.equal(Object.values(stats.byCategory).reduce((a, b) => Number(a) + Number(b), 0), 1);
    assert.equal(stats.perDay.length, 1);
    const cats = await (await app.api("/categories")).json();
    assert.deepEqual(
      cats.items.map((c: { id: string }) => c.id),
      ["returns", "delivery", "quality", "technical", "billing", "other"],
    );
    assert.ok(cats.items.every((c: { label: string; team: string }) => c.label && c.team));
  }));

Deno.test("process-manual runs the seed's JSON through the same pipeline", () =>
  withTestApp(async (app) => {
    const res = await app.api("/process-manual", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        customer_email: "Marat@Example.test",
        subject: "Чайник не работает",
        content: "Купил чайник, заказ 123456, он не включается.",
        received_date: "2026-09-05T08:00:00Z",
      }),
    });
    assert.equal(res.status, 201);
    const { id } = await res.json();
    const c = await (await app.api(`/complaints/${id}`)).json();
    assert.equal(c.customer.email, "marat@example.test");
    assert.equal(c.subject, "Чайник не работает");
    assert.match(c.description, /не включается/);
    assert.equal(c.source, "manual");
    assert.equal(c.sentAt, "2026-09-05T08:00:00.000Z");
    assert.ok(await app.ctx.blobs.has(c.rawKey), "the composed raw email is stored too");
    const bad = await app.api("/process-manual", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ customer_email: "not-an-email", content: "" }),
    });
    assert.equal(bad.status, 422);
    const msg = (await bad.json()).error.message;
    assert.match(msg, /customer_email/);
    assert.match(msg, /content/);
  }));

Deno.test("an agent session works for the API, and writes need the CSRF header", () =>
  withTestApp(async (app) => {
    const { id } = await (await app.ingest(sampleEmail())).json();
    const { session, token } = await createSession(
      app.ctx,
      await seedAgent(app.ctx, { email: "agent@example.test" }),
    );
    const cookie = `it_session=${token}`;
    const read = await fetch(`${app.url}/functions/v1/api/complaints/${id}`, {
      headers: { cookie },
    });
    assert.equal(read.status, 200);
    await read.body?.cancel();
    const patch = (headers: Record<string, string>) =>
      fetch(`${app.url}/functions/v1/api/complaints/${id}`, {
        method: "PATCH",
        headers: { cookie, "content-type": "application/json", ...headers },
        body: JSON.stringify({ status: "resolved" }),
      });
    const noCsrf = await patch({});
    assert.equal(noCsrf.status, 403);
    assert.equal((await noCsrf.json()).error.code, "csrf");
    const wrongCsrf = await patch({ "x-csrf-token": "wrong" });
    assert.equal(wrongCsrf.status, 403);
    await wrongCsrf.body?.cancel();
    const ok = await patch({ "x-csrf-token": session.csrf });
    assert.equal(ok.status, 200);
    const body = await ok.json();
    assert.equal(body.status, "resolved");
    assert.equal(body.history.at(-1).actor, "agent@example.test");
  }));

Deno.test("attachments download as attachments, never inline", () =>
  withTestApp(async (app) => {
    const raw = [
      "From: a@example.test",
      "Subject: with attachment",
      "Message-ID: <att-1@example.test>",
      "MIME-Version: 1.0",
      'Content-Type: multipart/mixed; boundary="b"',
      "",
      "--b",
      "Content-Type: text/plain",
      "",
      "See the file.",
      "--b",
      'Content-Type: text/html; name="evil.html"',
      'Content-Disposition: attachment; filename="evil.html"',
      "",
      "<script>alert(1)</script>",
      "--b--",
      "",
    ].join("\r\n");
    const { id } = await (await app.ingest(raw)).json();
    const res = await app.api(`/complaints/${id}/attachments/0`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "application/octet-stream");
    assert.match(res.headers.get("content-disposition")!, /^attachment; filename="evil.html"/);
    assert.equal(res.headers.get("x-content-type-options"), "nosniff");
    assert.equal((await res.text()).trim(), "<script>alert(1)</script>");
    const missing = await app.api(`/complaints/${id}/attachments/5`);
    assert.equal(missing.status, 404);
    await missing.body?.cancel();
  }));
