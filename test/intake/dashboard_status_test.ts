import assert from "node:assert/strict";
import { Browser, startServer } from "../e2e/web_server.ts";
import { recordHeartbeat } from "../../lib/intake/status.ts";

Deno.test("the dashboard shows each poller's health from its last heartbeat", async () => {
  const s = await startServer();
  try {
    const b = new Browser(s.base);
    const login = await b.login();
    assert.equal(login.status, 303);
    await login.body?.cancel();
    assert.match(await b.text("/"), /No poller has reported yet/);

    const heartbeat = {
      name: "gmail-support",
      mailbox: "support@example.com@imap.gmail.com/INBOX",
      connected: true,
      counts: { delivered: 12, rejected: 1, retried: 3, pending: 2, reconnects: 0 },
      lastError: { at: "2030-01-01T00:00:00Z", message: "uid 9: 503 unavailable" },
    };
    await recordHeartbeat(s.ctx, new TextEncoder().encode(JSON.stringify(heartbeat)));
    const html = await b.text("/");
    assert.match(html, /class="result ok"[^>]*><strong>gmail-support<\/strong> healthy/);
    assert.match(html, /delivered <!-- -->12|delivered 12/);
    assert.ok(html.includes("uid 9: 503 unavailable"));

    await recordHeartbeat(
      s.ctx,
      new TextEncoder().encode(JSON.stringify({ ...heartbeat, connected: false })),
    );
    assert.match(
      await b.text("/"),
      /class="result error"[^>]*><strong>gmail-support<\/strong> disconnected/,
    );
  } finally {
    await s.close();
  }
});
