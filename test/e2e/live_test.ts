import type { Browser, Page } from "playwright-core";
import { launchChromium, skipWithoutChromium } from "../harness/chromium.ts";
import { startServer, type TestServer } from "./web_server.ts";
import { seedAgent } from "../support/agents.ts";
import { seedComplaint } from "./seed.ts";

async function login(page: Page, base: string, email: string, password: string) {
  await page.goto(`${base}/complaints`);
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', password);
  await Promise.all([page.waitForURL(`${base}/complaints`), page.click('button[type="submit"]')]);
}

Deno.test({
  name:
    "live in two browsers: a new complaint appears in the other agent's list without reload, an assignment notifies its agent, and each sees the other on the complaint",
  ignore: skipWithoutChromium,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    let s: TestServer | null = null;
    let browser: Browser | null = null;
    try {
      s = await startServer();
      await seedAgent(s.ctx, {
        email: "bea@example.com",
        name: "Bea",
        role: "agent",
        password: "bea's long password 1",
      });
      browser = await launchChromium();
      const ann = await (await browser.newContext()).newPage();
      const bea = await (await browser.newContext()).newPage();
      await login(ann, s.base, "agent@example.com", "correct horse battery");
      await login(bea, s.base, "bea@example.com", "bea's long password 1");
      await bea.locator(".live-state", { hasText: "live" }).waitFor();

      // A complaint arrives: Bea's open list shows it without a reload.
      const c = await seedComplaint(s.ctx, { subject: "Parcel arrived wet" });
      await s.ctx.store.updateComplaint(c.id, { status: "in_progress" }, []);
      await bea.locator("table.complaints", { hasText: "Parcel arrived wet" }).waitFor({
        timeout: 5_000,
      });

      // Ann assigns it to Bea from the complaint page: Bea is told.
      await ann.goto(`${s.base}/complaints/${c.id}`);
      await ann.locator("[data-island] select[name=assignee], select[name=assignee]").first()
        .waitFor();
      await ann.evaluate(async (id) => {
        const csrf = document.querySelector<HTMLInputElement>('input[name="_csrf"]')!.value;
        await fetch(`/functions/v1/api/complaints/${id}`, {
          method: "PATCH",
          headers: { "content-type": "application/json", "X-CSRF-Token": csrf },
          body: JSON.stringify({ assignee: "bea@example.com" }),
        });
      }, c.id);
      await bea.locator(".notices", { hasText: "Assigned to you: Parcel arrived wet" }).waitFor({
        timeout: 5_000,
      });

      // Both on the complaint: each sees the other (Ann's page beats every 10 s).
      await bea.goto(`${s.base}/complaints/${c.id}`);
      await bea.locator(".presence-other", { hasText: "agent" }).waitFor({ timeout: 5_000 });
      await ann.reload();
      await ann.locator(".presence-other", { hasText: "Bea" }).waitFor({ timeout: 5_000 });
    } finally {
      await browser?.close();
      await s?.close();
    }
  },
});
