import assert from "node:assert/strict";
import { Browser, startServer, type TestServer } from "./web_server.ts";
import { seedComplaint } from "./seed.ts";

async function withServer(fn: (s: TestServer, b: Browser) => Promise<void>): Promise<void> {
  const s = await startServer();
  try {
    await fn(s, new Browser(s.base));
  } finally {
    await s.close();
  }
}

Deno.test("pages without a session redirect to /login with a local next", async () => {
  await withServer(async (_s, b) => {
    const res = await b.fetch("/complaints?status=new");
    assert.equal(res.status, 303);
    assert.equal(res.headers.get("location"), "/login?next=%2Fcomplaints%3Fstatus%3Dnew");
    await res.body?.cancel();
    const css = await b.fetch("/styles.css");
    assert.equal(css.status, 200, "static files need no session");
    await css.body?.cancel();
  });
});

Deno.test("login needs the form token, refuses bad credentials generically and sets a safe cookie", async () => {
  await withServer(async (_s, b) => {
    const page = await b.fetch("/login?next=/complaints");
    assert.equal(page.status, 200);
    assert.match(page.headers.get("content-security-policy")!, /script-src 'self'/);
    const html = await page.text();
    assert.ok(!html.includes("<script"), "the login page ships no script");
    const csrf = html.match(/name="_csrf" value="([^"]+)"/)![1];

    const forged = await b.form("/login", { _csrf: "x".repeat(43), email: "a@b.c", password: "p" });
    assert.equal(forged.status, 403);
    await forged.body?.cancel();

    const wrong = await b.form("/login", {
      _csrf: csrf,
      email: "agent@example.com",
      password: "nope",
      next: "/complaints",
    });
    assert.equal(wrong.status, 401);
    const wrongHtml = await wrong.text();
    assert.ok(wrongHtml.includes("Email or password is incorrect."));
    assert.ok(wrongHtml.includes('value="agent@example.com"'), "the email is kept");

    const ok = await b.form("/login", {
      _csrf: csrf,
      email: "agent@example.com",
      password: "correct horse battery",
      next: "https://evil.example/",
    });
    assert.equal(ok.status, 303);
    assert.equal(ok.headers.get("location"), "/", "a foreign next falls back to /");
    const cookie = ok.headers.getSetCookie().find((c) => c.startsWith("it_session="))!;
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Lax/);
    assert.match(cookie, /Path=\//);
    assert.doesNotMatch(cookie, /Secure/, "plain http in tests");
  });
});

Deno.test("the dashboard shows counts, an SVG chart and the newest complaints without script", async () => {
  await withServer(async (s, b) => {
    await seedComplaint(s.ctx, { subject: "Parcel lost", status: "new", category: "delivery" });
    await seedComplaint(s.ctx, {
      subject: "Broken kettle",
      status: "resolved",
      category: "quality",
    });
    await b.login();
    const res = await b.fetch("/");
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.ok(html.includes("2 complaints in total."));
    assert.match(html, /<svg[^>]*role="img"/);
    assert.equal(html.match(/<rect class="bar"/g)?.length, 30);
    assert.ok(html.includes("Parcel lost") && html.includes("Broken kettle"));
    assert.match(html, /href="\/complaints\?status=resolved">Resolved<\/a><\/dt><dd>1<\/dd>/);
    assert.ok(!html.includes("<script"), "no island on the dashboard, so no script");
  });
});

Deno.test("the dashboard shows Claude's calls, tokens and estimated cost per day", async () => {
  await withServer(async (s, b) => {
    const day = s.ctx.now().toISOString().slice(0, 10);
    await b.login();
    assert.ok((await b.text("/")).includes("No Claude calls in the last 14 days."));
    await s.ctx.store.addUsage(day, "claude-haiku-4-5", {
      calls: 3,
      input: 1_000_000,
      output: 200_000,
      cacheRead: 0,
      cacheWrite: 0,
    });
    const html = await b.text("/");
    const row = html.match(new RegExp(`<tr data-day="${day}">(.*?)</tr>`))?.[1] ?? "";
    assert.ok(row.includes("<td>3</td>") && row.includes("<td>1,000,000</td>"), row);
    assert.ok(row.includes("$2.00"), "1 M in × $1 + 0.2 M out × $5");
  });
});

Deno.test("the list filters through the URL, paginates keeping the filter and reports bad input", async () => {
  await withServer(async (s, b) => {
    for (let i = 0; i < 3; i++) {
      await seedComplaint(s.ctx, { subject: `Late parcel ${i}`, category: "delivery" });
    }
    await seedComplaint(s.ctx, { subject: "Invoice wrong", category: "billing" });
    await b.login();
    const delivery = await b.text("/complaints?category=delivery&limit=2");
    assert.equal(delivery.match(/>Late parcel \d<\/a>/g)?.length, 2);
    assert.ok(!delivery.includes("Invoice wrong"));
    assert.ok(delivery.includes('href="/complaints?category=delivery&amp;limit=2&amp;page=2"'));
    assert.ok(delivery.includes('<option value="delivery" selected>Delivery</option>'));
    const page2 = await b.text("/complaints?category=delivery&limit=2&page=2");
    assert.equal(page2.match(/>Late parcel \d<\/a>/g)?.length, 1);

    const bad = await b.fetch("/complaints?status=nonsense&from=soon");
    assert.equal(bad.status, 200);
    const badHtml = await bad.text();
    assert.ok(badHtml.includes("Ignored invalid filter values: status, from."), badHtml);
    assert.equal(badHtml.match(/<tr[ >]/g)?.length, 5, "header + all four rows");
  });
});

Deno.test("the detail page renders hostile text inertly, sandboxes the HTML and hydrates actions", async () => {
  await withServer(async (s, b) => {
    const c = await seedComplaint(s.ctx, {
      subject: "<img src=x onerror=alert(1)>",
      description: "</pre><script>alert(2)</script>",
      bodyHtml: "<p>Hello <b>there</b></p>",
      entities: { orderNumbers: ["ZE-1"], amounts: [], dates: [], products: [], phones: [] },
      attachments: [{
        filename: "receipt.pdf",
        contentType: "application/pdf",
        size: 2048,
        sha256: "ab",
        storageKey: "k",
        inline: false,
        extraction: { status: "done", method: "pdf" },
        extractedText: "Total 10 EUR",
      }],
      history: [{ at: "2026-03-01T10:00:00Z", actor: "system", action: "created", details: {} }],
    });
    await b.login();
    const html = await b.text(`/complaints/${c.id}`);
    assert.ok(html.includes("&lt;img src=x onerror=alert(1)>"));
    assert.ok(!html.includes("<img"));
    assert.ok(html.includes("&lt;/pre>&lt;script>alert(2)&lt;/script>"));
    assert.match(html, /<iframe sandbox srcdoc="[^"]*&lt;p>Hello &lt;b>there&lt;\/b>&lt;\/p>"/);
    assert.ok(html.includes(`/functions/v1/api/complaints/${c.id}/attachments/0`));
    assert.ok(html.includes("<summary>Extracted text (12 characters)</summary>"));
    assert.ok(html.includes("<code>ZE-1</code>"));
    assert.ok(html.includes('data-island="ComplaintActions"'));
    const scripts = [...html.matchAll(/<script([^>]*)>/g)].map((m) => m[1]);
    const islands = [...html.matchAll(/data-island="/g)].length;
    assert.equal(islands, 3, "Presence, ComplaintActions and ReplyBox");
    assert.equal(
      scripts.length,
      islands + 1,
      "one props JSON per island and the bundle, nothing else",
    );
    for (const props of scripts.slice(0, -1)) {
      assert.match(props, /^ type="application\/json" id="island-props-i\d+"$/);
    }
    assert.match(scripts.at(-1)!, /^ type="module" src="\/_islands\/main-[0-9a-f]{12}\.js"$/);

    const missing = await b.fetch("/complaints/does-not-exist");
    assert.equal(missing.status, 404);
    assert.ok((await missing.text()).includes("Not found"));
  });
});

Deno.test("logout needs the CSRF token and ends the session", async () => {
  await withServer(async (_s, b) => {
    await b.login();
    const home = await b.text("/");
    const csrf = home.match(/name="_csrf" value="([^"]+)"/)![1];
    const forged = await b.form("/logout", { _csrf: "wrong" });
    assert.equal(forged.status, 403);
    await forged.body?.cancel();
    const out = await b.form("/logout", { _csrf: csrf });
    assert.equal(out.status, 303);
    assert.equal(out.headers.get("location"), "/login");
    await out.body?.cancel();
    const after = await b.fetch("/");
    assert.equal(after.status, 303);
    await after.body?.cancel();
  });
});

Deno.test("the test page offers three samples through the TestSubmit island", async () => {
  await withServer(async (_s, b) => {
    await b.login();
    const html = await b.text("/test");
    assert.ok(html.includes('data-island="TestSubmit"'));
    const json =
      html.match(/<script type="application\/json" id="island-props-i0">(.*?)<\/script>/)![1];
    const props = JSON.parse(json);
    assert.equal(props.samples.length, 3);
    assert.equal(typeof props.csrf, "string");
  });
});

Deno.test("the detail page shows the thread, the original and the duplicates", async () => {
  await withServer(async (s, b) => {
    const original = await seedComplaint(s.ctx, { subject: "Parcel missing" });
    const dup = await seedComplaint(s.ctx, {
      subject: "Parcel missing (again)",
      status: "duplicate",
      duplicateOf: original.id,
    });
    await s.ctx.store.updateComplaint(original.id, {
      relatedComplaints: [dup.id],
      messages: [{
        messageId: "reply-1@example.test",
        from: "aida@example.test",
        subject: "Re: Parcel missing <b>now</b>",
        text: "Still nothing arrived.",
        attachments: [],
        receivedAt: "2026-09-08T10:00:00.000Z",
        analysis: { category: "delivery", priority: "high", sentiment: "negative", summary: "" },
      }],
    }, []);
    await b.login();
    const html = await b.text(`/complaints/${original.id}`);
    assert.ok(html.includes("Thread (1 reply)"));
    assert.ok(html.includes("Still nothing arrived."));
    assert.ok(html.includes("Re: Parcel missing &lt;b>now&lt;/b>"));
    assert.ok(html.includes(`href="/complaints/${dup.id}"`), "links its duplicate");
    assert.ok(html.includes(`[#${original.ref}]`));
    const dupHtml = await b.text(`/complaints/${dup.id}`);
    assert.ok(dupHtml.includes("Duplicate of"));
    assert.ok(dupHtml.includes(`href="/complaints/${original.id}"`), "links its original");
  });
});
