import assert from "node:assert/strict";
import type { Browser, Page } from "playwright-core";
import { launchChromium, skipWithoutChromium } from "../harness/chromium.ts";
import { startServer, type TestServer } from "./web_server.ts";
import { seedAgent } from "../support/agents.ts";
import { seedComplaint } from "./seed.ts";

const H = 3_600_000;

async function login(page: Page, base: string) {
  await page.goto(`${base}/complaints`);
  await page.fill('input[name="email"]', "agent@example.com");
  await page.fill('input[name="password"]', "correct horse battery");
  await Promise.all([page.waitForURL(`${base}/complaints`), page.click('button[type="submit"]')]);
}

Deno.test({
  name:
    "the queue in a browser: a view filters, bulk assigns the ticked rows, merge and split on the complaint page, and the SLA stands still while waiting (controllable clock)",
  ignore: skipWithoutChromium,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    let t = Date.parse("2026-12-07T04:00:00.000Z");
    let s: TestServer | null = null;
    let browser: Browser | null = null;
    try {
      s = await startServer({}, { now: () => new Date(t), realAnalyzer: true });
      await seedAgent(s.ctx, { email: "bea@example.com", name: "Bea", role: "agent" });
      const soon = await seedComplaint(s.ctx, {
        subject: "Parcel soon due",
        receivedAt: new Date(t).toISOString(),
        slaDueAt: new Date(t + 0.5 * H).toISOString(),
        slaResolutionDueAt: new Date(t + 0.5 * H).toISOString(),
        slaClock: { pausedMs: 0 },
        priority: "critical",
      });
      const later = await seedComplaint(s.ctx, {
        subject: "Parcel later",
        receivedAt: new Date(t).toISOString(),
        slaDueAt: new Date(t + 5 * H).toISOString(),
        slaResolutionDueAt: new Date(t + 5 * H).toISOString(),
        slaClock: { pausedMs: 0 },
      });
      browser = await launchChromium();
      const page = await browser.newPage();
      await login(page, s.base);

      // "Due in 1 h" shows only the one due soon.
      await page.click('a[data-view="due_1h"]');
      await page.waitForURL(/sla=due_within_hour/);
      assert.equal(await page.locator("tr[data-id]").count(), 1);
      assert.equal(await page.locator("tr[data-id]").getAttribute("data-id"), soon.id);

      // Bulk: tick both rows on the full list, assign them to Bea.
      await page.click('a[data-view="all"]');
      await page.waitForURL(`${s.base}/complaints`);
      for (const c of [soon, later]) {
        await page.check(`tr[data-id="${c.id}"] input[type=checkbox]`);
      }
      await page.selectOption('#bulk select[name="assignee"]', "bea@example.com");
      await Promise.all([
        page.waitForLoadState("load"),
        page.click('#bulk button[value="assign"]'),
      ]);
      await page.locator(".result.ok", { hasText: "2 of 2 complaints done." }).waitFor();
      for (const c of [soon, later]) {
        assert.equal((await s.ctx.store.getComplaint(c.id))!.assignee, "bea@example.com");
      }

      // Merge "later" into "soon" on soon's page, by reference.
      const laterRef = (await s.ctx.store.getComplaint(later.id))!.ref || later.id;
      await page.goto(`${s.base}/complaints/${soon.id}`);
      await page.fill('form input[name="source"]', laterRef);
      await Promise.all([
        page.waitForLoadState("load"),
        page.click('button:text("into this one")'),
      ]);
      await page.locator(".thread", { hasText: "Parcel later" }).waitFor();
      assert.equal((await s.ctx.store.getComplaint(later.id))!.mergedInto, soon.id);

      // Split: a customer's answer that joined the thread about something else.
      const post = (lines: string[]) =>
        fetch(`${s!.base}/functions/v1/ingest`, {
          method: "POST",
          headers: {
            Authorization: `Bearer ${s!.ctx.config.INGEST_TOKEN}`,
            "Content-Type": "message/rfc822",
          },
          body: [...lines, ""].join("\r\n"),
        }).then((r) => r.json());
      const x = await post([
        "From: Dana <dana@example.net>",
        "Subject: Kettle leaks",
        "Message-ID: <kettle-1@example.net>",
        "",
        "My kettle from order ORD-11111 leaks.",
      ]);
      const joined = await post([
        "From: Dana <dana@example.net>",
        "Subject: Re: Kettle leaks",
        "Message-ID: <kettle-2@example.net>",
        "In-Reply-To: <kettle-1@example.net>",
        "",
        "Also my invoice INV-77 shows the wrong company name.",
      ]);
      assert.equal(joined.id, x.id);
      await page.goto(`${s.base}/complaints/${x.id}`);
      await Promise.all([
        page.waitForURL((u) => !u.pathname.endsWith(x.id)),
        page.click(".thread .split button"),
      ]);
      const splitId = new URL(page.url()).pathname.split("/").at(-1)!;
      const split = (await s.ctx.store.getComplaint(splitId))!;
      assert.match(split.description, /invoice INV-77/);
      assert.equal((await s.ctx.store.getComplaint(x.id))!.messages.length, 0);

      // SLA: our reply makes it wait; an hour of waiting moves the deadline by an hour.
      await page.goto(`${s.base}/complaints/${soon.id}`);
      await page.fill('.reply-form textarea[name="text"]', "We are on it.");
      await page.click('.reply-form button[type="submit"]');
      await page.locator(".reply-box .result", { hasText: "Reply" }).waitFor();
      let c = (await s.ctx.store.getComplaint(soon.id))!;
      assert.equal(c.status, "waiting");
      assert.equal(c.slaDueAt, undefined);
      t += H;
      await page.goto(`${s.base}/complaints/${soon.id}`);
      await page.selectOption(
        '[data-island="ComplaintActions"] select[name="status"]',
        "in_progress",
      );
      await page.click('[data-island="ComplaintActions"] button[type="submit"]');
      await page.waitForFunction(async (id) => {
        const r = await fetch(`/functions/v1/api/complaints/${id}`);
        return (await r.json()).status === "in_progress";
      }, soon.id);
      c = (await s.ctx.store.getComplaint(soon.id))!;
      assert.equal(c.slaClock?.pausedMs, H);
      assert.equal(c.slaDueAt, new Date(Date.parse(c.receivedAt) + 1 * H + H).toISOString());
    } finally {
      await browser?.close();
      await s?.close();
    }
  },
});
