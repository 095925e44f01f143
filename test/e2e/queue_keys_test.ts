import assert from "node:assert/strict";
import type { Browser } from "playwright-core";
import { launchChromium, skipWithoutChromium } from "../harness/chromium.ts";
import { startMailpit } from "../harness/mailpit.ts";
import { findBinary, skipUnless } from "../harness/require.ts";
import { startServer } from "./web_server.ts";
import { seedComplaint } from "./seed.ts";

const skip = skipWithoutChromium || skipUnless("mailpit", findBinary("mailpit") !== null);
const at = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

Deno.test({
  name:
    "keyboard on the queue (j/k/x/a/r), then a draft edited and sent from the complaint reaches SMTP",
  ignore: skip,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    const mail = await startMailpit();
    const s = await startServer({ SMTP_URL: mail.smtpUrl, SUPPORT_FROM: "help@shop.example" });
    let browser: Browser | null = null;
    try {
      const first = await seedComplaint(s.ctx, {
        subject: "Parcel first",
        slaDueAt: at(10),
        category: "delivery",
        language: "en",
        customer: { email: "dana@example.net", name: "Dana" },
      });
      const second = await seedComplaint(s.ctx, { subject: "Parcel second", slaDueAt: at(60) });
      browser = await launchChromium();
      const page = await browser.newPage();
      const dialogs: string[] = [];
      page.on("dialog", (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      await page.goto(`${s.base}/complaints`);
      await page.fill('input[name="email"]', "agent@example.com");
      await page.fill('input[name="password"]', "correct horse battery");
      await Promise.all([
        page.waitForURL(`${s.base}/complaints`),
        page.click('button[type="submit"]'),
      ]);
      await page.locator(".queue-keys").waitFor();
      await page.waitForFunction(() => document.querySelector("[data-island]") !== null);

      const focused = () =>
        page.evaluate(() => document.querySelector("tr.kb-focus")?.getAttribute("data-id"));
      await page.keyboard.press("j");
      assert.equal(await focused(), first.id, "soonest due first");
      await page.keyboard.press("j");
      assert.equal(await focused(), second.id);
      await page.keyboard.press("k");
      assert.equal(await focused(), first.id);
      await page.keyboard.press("x");
      assert.equal(
        await page.locator(`tr[data-id="${first.id}"] input[type=checkbox]`).isChecked(),
        true,
      );
      await page.keyboard.press("a");
      await page.locator(".queue-keys", { hasText: "Assigned to you." }).waitFor();
      assert.equal((await s.ctx.store.getComplaint(first.id))!.assignee, "agent@example.com");

      await Promise.all([page.waitForURL(/#reply$/), page.keyboard.press("r")]);
      await page.waitForFunction(() =>
        (document.activeElement as HTMLTextAreaElement | null)?.name === "text"
      );

      await page.click("button.draft");
      await page.locator(".reply-box .result.ok").waitFor();
      const draft = await page.inputValue('textarea[name="text"]');
      assert.match(draft, /^Hello Dana,/);
      assert.match(draft, /order number/, "the draft asks for the missing order number");
      await page.fill('textarea[name="text"]', `${draft}\n\nP.S. Edited by the agent.`);
      await page.click('.reply-form button[type="submit"]');
      await page.locator(".reply-box .result", { hasText: "Reply" }).waitFor();
      const [sent] = await mail.waitFor(1);
      assert.deepEqual(sent.To.map((t) => t.Address), ["dana@example.net"]);
      assert.match(sent.Subject, /Parcel first/);
      const c = (await s.ctx.store.getComplaint(first.id))!;
      const out = c.messages.find((m) => m.direction === "outbound")!;
      assert.match(out.text, /P\.S\. Edited by the agent\.$/);
      assert.deepEqual(dialogs, []);
    } finally {
      await browser?.close();
      await s.close();
      await mail.stop();
    }
  },
});
