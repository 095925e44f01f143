import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import type { Browser as Chromium, Page } from "playwright-core";
import { launchChromium, skipWithoutChromium } from "../harness/chromium.ts";
import { Browser, startServer, type TestServer } from "./web_server.ts";

const EMAIL = "agent@example.com";
const PASSWORD = "correct horse battery";

Deno.test("the test page offers attachments on the free-form complaint and an .eml upload", async () => {
  const s = await startServer();
  try {
    const b = new Browser(s.base);
    await b.login();
    const html = await b.text("/test");
    assert.ok(html.includes('data-island="TestSubmit"'));
    assert.match(html, /<input type="file" name="attachments" multiple/);
    assert.match(html, /<input type="file" name="eml" accept=".eml,message\/rfc822"/);
    assert.ok(html.includes("Upload .eml"));
  } finally {
    await s.close();
  }
});

async function withBrowser(fn: (s: TestServer, page: Page) => Promise<void>): Promise<void> {
  const s = await startServer({}, { realAnalyzer: true });
  let browser: Chromium | null = null;
  try {
    browser = await launchChromium();
    const page = await browser.newPage();
    await page.goto(`${s.base}/test`);
    await page.fill('input[name="email"]', EMAIL);
    await page.fill('input[name="password"]', PASSWORD);
    await Promise.all([page.waitForURL(`${s.base}/test`), page.click('button[type="submit"]')]);
    await fn(s, page);
  } finally {
    await browser?.close();
    await s.close();
  }
}

Deno.test({
  name:
    "in a browser: a free-form complaint with a file and an uploaded .eml each show their analysis and link the complaint",
  ignore: skipWithoutChromium,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: () =>
    withBrowser(async (s, page) => {
      await page.fill('input[name="customer_email"]', "anna@example.test");
      await page.fill('input[name="subject"]', "Charged twice for order ZE-2026-031842");
      await page.fill(
        'textarea[name="content"]',
        "My card was charged twice for order ZE-2026-031842. Please refund the second payment.",
      );
      await page.setInputFiles('input[name="attachments"]', {
        name: "statement.txt",
        mimeType: "text/plain",
        buffer: Buffer.from("Card statement: 2 x 59.00 EUR"),
      });
      await page.getByRole("button", { name: "Submit complaint" }).click();
      const result = page.locator(".result.ok");
      await result.waitFor();
      assert.match(await result.textContent() ?? "", /Created/);
      assert.match(await result.locator("dl.analysis").textContent() ?? "", /billing/);
      assert.match(await result.locator("dl.analysis").textContent() ?? "", /statement\.txt/);
      const href = await result.getByRole("link", { name: "open complaint" }).getAttribute("href");
      const id = decodeURIComponent(href!.split("/").at(-1)!);
      const stored = (await s.ctx.store.getComplaint(id))!;
      assert.deepEqual(stored.attachments.map((a) => a.filename), ["statement.txt"]);

      const eml = [
        "From: Boris <boris@example.test>",
        "To: support@shop.example",
        "Subject: Kettle sparked and melted",
        `Message-ID: <${crypto.randomUUID()}@example.test>`,
        "Date: Mon, 02 Mar 2026 09:15:00 +0000",
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=utf-8",
        "",
        "The kettle I bought sparked, smoke came out and the plastic melted. This is dangerous!",
        "",
      ].join("\r\n");
      await page.setInputFiles('input[name="eml"]', {
        name: "kettle.eml",
        mimeType: "message/rfc822",
        buffer: Buffer.from(eml),
      });
      await page.getByRole("button", { name: "Upload .eml" }).click();
      await page.locator(".result.ok dl.analysis", { hasText: "quality" }).waitFor();
      const link = page.locator(".result.ok").getByRole("link", { name: "open complaint" });
      await Promise.all([page.waitForURL(/\/complaints\/[^/]+$/), link.click()]);
      assert.equal(await page.locator("h1.subject").textContent(), "Kettle sparked and melted");
    }),
});
