import assert from "node:assert/strict";
import { Browser, startServer } from "./web_server.ts";
import { seedComplaint } from "./seed.ts";

Deno.test("the detail page has a reply box; a reply posted with the session's CSRF token shows with its state, inert", async () => {
  const s = await startServer();
  try {
    const b = new Browser(s.base);
    const c = await seedComplaint(s.ctx, { subject: "Parcel", ref: "ABC123" });
    await b.login();
    const page = await b.text(`/complaints/${c.id}`);
    assert.ok(page.includes('data-island="ReplyBox"'));
    assert.ok(page.includes("No replies sent yet."));
    const csrf = page.match(/"csrf":"([^"]+)"/)?.[1] ??
      page.match(/name="_csrf" value="([^"]+)"/)![1];

    const hostile = "<script>alert(1)</script>\r\nBcc: victim@evil.example";
    const refused = await b.fetch(`/functions/v1/api/complaints/${c.id}/replies`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ text: hostile }),
    });
    assert.equal(refused.status, 403, "no CSRF header, no reply");
    await refused.body?.cancel();
    const res = await b.fetch(`/functions/v1/api/complaints/${c.id}/replies`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-csrf-token": csrf },
      body: JSON.stringify({ text: hostile }),
    });
    assert.equal(res.status, 201);
    const reply = await res.json();
    assert.equal(reply.by, "agent@example.com");

    const html = await b.text(`/complaints/${c.id}`);
    assert.ok(
      html.includes("our reply: not sent: no SMTP configured"),
      "the thread shows the state",
    );
    assert.ok(html.includes("&lt;script>alert(1)&lt;/script>"));
    assert.ok(!html.includes("<script>alert(1)"));
    assert.ok(html.includes(reply.messageId));
    assert.ok(html.includes("Re: Parcel [#ABC123]"));
  } finally {
    await s.close();
  }
});
