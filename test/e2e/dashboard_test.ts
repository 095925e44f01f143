import assert from "node:assert/strict";
import type { Browser, Page } from "playwright-core";
import { launchChromium, skipWithoutChromium } from "../harness/chromium.ts";
import { startServer, type TestServer } from "./web_server.ts";

const EMAIL = "agent@example.com";
const PASSWORD = "correct horse battery";

function rawEmail(subject: string, body: string): string {
  return [
    "From: Dana Whitfield <dana.whitfield@example.net>",
    "To: support@shop.example",
    `Subject: ${subject}`,
    `Message-ID: <${crypto.randomUUID()}@example.net>`,
    "Date: Mon, 02 Mar 2026 09:15:00 +0000",
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "",
    body,
    "",
  ].join("\r\n");
}

async function ingest(s: TestServer, raw: string): Promise<void> {
  const res = await fetch(`${s.base}/functions/v1/ingest`, {
    method: "POST",
    headers: {
      Authorization: `Bearer ${s.ctx.config.INGEST_TOKEN}`,
      "Content-Type": "message/rfc822",
    },
    body: raw,
  });
  const text = await res.text();
  assert.ok(
    res.status === 200 || res.status === 201 || res.status === 202,
    `${res.status} ${text}`,
  );
}

async function login(page: Page, base: string, path = "/complaints"): Promise<void> {
  await page.goto(`${base}${path}`);
  assert.equal(new URL(page.url()).pathname, "/login");
  await page.fill('input[name="email"]', EMAIL);
  await page.fill('input[name="password"]', PASSWORD);
  await Promise.all([page.waitForURL(`${base}${path}`), page.click('button[type="submit"]')]);
}

/** Run with the whole product on a random port and a fresh browser; both are torn down after. */
async function withBrowser(fn: (s: TestServer, page: Page) => Promise<void>): Promise<void> {
  const s = await startServer({}, { realAnalyzer: true });
  let browser: Browser | null = null;
  try {
    browser = await launchChromium();
    const page = await browser.newPage();
    await fn(s, page);
  } finally {
    await browser?.close();
    await s.close();
  }
}

Deno.test({
  name: "an ingested email can be found, opened and moved to resolved in the browser",
  ignore: skipWithoutChromium,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: () =>
    withBrowser(async (s, page) => {
      const subject = "Order ZE-2026-000417 arrived with a cracked screen";
      await ingest(
        s,
        rawEmail(
          subject,
          "Hello,\n\nthe monitor from order ZE-2026-000417 arrived today with a cracked screen.\n" +
            "Please send a replacement or refund 249.00 EUR.\n\nDana",
        ),
      );
      const consoleErrors: string[] = [];
      page.on("console", (m) => {
        if (m.type() === "error") consoleErrors.push(`${m.text()} ${m.location().url}`);
      });

      await login(page, s.base);
      await page.getByRole("link", { name: subject }).waitFor();
      await Promise.all([
        page.waitForURL(/\/complaints\/[^/]+$/),
        page.getByRole("link", { name: subject }).click(),
      ]);
      assert.equal(await page.locator("h1.subject").textContent(), subject);
      assert.equal(await page.locator("dd.status").textContent(), "New");

      // The island is hydrated once its form reacts: pick a status and save.
      await page.selectOption(".actions-form select[name=status]", "resolved");
      await page.fill(".actions-form textarea[name=note]", "Replacement shipped.");
      await page.click(".actions-form button[type=submit]");
      await page.locator(".result.ok").waitFor();

      await page.reload();
      assert.equal(await page.locator("dd.status").textContent(), "Resolved");
      const history = await page.locator("ol.history").textContent();
      assert.match(history ?? "", /resolved/i);
      assert.match(history ?? "", /Replacement shipped\./);
      assert.deepEqual(consoleErrors, [], "no CSP violations or script errors");
    }),
});

Deno.test({
  name: "without a session /complaints sends the browser to the login page",
  ignore: skipWithoutChromium,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: () =>
    withBrowser(async (s, page) => {
      await page.goto(`${s.base}/complaints`);
      const url = new URL(page.url());
      assert.equal(url.pathname, "/login");
      assert.equal(url.searchParams.get("next"), "/complaints");
      assert.equal(await page.locator('input[name="password"]').count(), 1);
    }),
});

Deno.test({
  name: "a hostile subject shows as text and runs no script",
  ignore: skipWithoutChromium,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: () =>
    withBrowser(async (s, page) => {
      const hostile = "<img src=x onerror=alert(1)>";
      await ingest(
        s,
        rawEmail(hostile, "My order never arrived and nobody answers. <script>alert(2)</script>"),
      );
      const dialogs: string[] = [];
      page.on("dialog", (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      await login(page, s.base);
      const link = page.getByRole("link", { name: hostile });
      await link.waitFor();
      assert.equal(await page.locator("table.complaints img").count(), 0);
      await Promise.all([page.waitForURL(/\/complaints\/[^/]+$/), link.click()]);
      assert.equal(await page.locator("h1.subject").textContent(), hostile);
      assert.equal(await page.locator("main img").count(), 0);
      await page.waitForTimeout(300);
      assert.deepEqual(dialogs, []);
    }),
});

Deno.test({
  name: "the test page submits a sample through the island and links the new complaint",
  ignore: skipWithoutChromium,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: () =>
    withBrowser(async (s, page) => {
      await login(page, s.base, "/test");
      await page.getByRole("button", { name: "Double charge (EN)" }).click();
      assert.equal(
        await page.inputValue('input[name="subject"]'),
        "Charged twice for one order",
        "the sample fills the form (island hydrated)",
      );
      await page.getByRole("button", { name: "Submit complaint" }).click();
      const link = page.getByRole("link", { name: "open complaint" });
      await link.waitFor();
      await Promise.all([page.waitForURL(/\/complaints\/[^/]+$/), link.click()]);
      assert.equal(await page.locator("h1.subject").textContent(), "Charged twice for one order");
      assert.equal(await page.locator("dd .category-billing").count(), 1, "classified as billing");
    }),
});
