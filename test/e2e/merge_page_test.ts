import assert from "node:assert/strict";
import { Browser, startServer } from "./web_server.ts";
import { seedComplaint } from "./seed.ts";

Deno.test("on the complaint page an agent merges another complaint into it by reference; the merged one's page leads there", async () => {
  const s = await startServer();
  try {
    const a = await seedComplaint(s.ctx, { subject: "Kettle leaks", ref: "AAAAAA" });
    const b = await seedComplaint(s.ctx, { subject: "Kettle lid cracked", ref: "BBBBBB" });
    const br = new Browser(s.base);
    await br.login();
    const page = await br.text(`/complaints/${a.id}`);
    assert.match(page, /Merge complaint/);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page)![1];
    const merged = await br.form(`/complaints/${a.id}`, {
      _csrf: csrf,
      _action: "merge",
      source: "#bbbbbb",
    });
    assert.equal(merged.status, 303);
    await merged.body?.cancel();
    const after = await br.text(`/complaints/${a.id}`);
    assert.ok(after.includes("Kettle lid cracked"), "the merged email is on the thread");
    const old = await br.fetch(`/complaints/${b.id}`);
    assert.equal(old.status, 303);
    assert.equal(old.headers.get("location"), `/complaints/${a.id}`);
    await old.body?.cancel();
    const unknown = await br.form(`/complaints/${a.id}`, {
      _csrf: csrf,
      _action: "merge",
      source: "#ZZZZZZ",
    });
    assert.equal(unknown.status, 404);
    await unknown.body?.cancel();
  } finally {
    await s.close();
  }
});
