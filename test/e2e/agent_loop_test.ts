import assert from "node:assert/strict";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchChromium, skipWithoutChromium } from "../harness/chromium.ts";
import { type MailpitServer, startMailpit } from "../harness/mailpit.ts";
import { findBinary, skipUnless } from "../harness/require.ts";
import { startServer, type TestServer } from "./web_server.ts";

const ADMIN = { email: "agent@example.com", password: "correct horse battery" };
// B's name is hostile on purpose: it must show as text on every page that names her.
const B = {
  email: "bea@example.com",
  name: `Bea <img src=x onerror=alert("name")>`,
  password: "bea's long password 1",
};
const CUSTOMER = "dana.whitfield@example.net";
const SUPPORT = "help@shop.example";

const skip = skipWithoutChromium || skipUnless("mailpit", findBinary("mailpit") !== null);

async function ingest(s: TestServer, lines: string[]): Promise<void> {
  const res = await fetch(`${s.base}/functions/v1/ingest`, {
    method: "POST",
    headers: {
      Authorization: `Bearer ${s.ctx.config.INGEST_TOKEN}`,
      "Content-Type": "message/rfc822",
    },
    body: [...lines, ""].join("\r\n"),
  });
  const text = await res.text();
  assert.ok([200, 201, 202].includes(res.status), `${res.status} ${text}`);
}

async function login(page: Page, base: string, who: { email: string; password: string }) {
  await page.goto(`${base}/complaints`);
  assert.equal(new URL(page.url()).pathname, "/login");
  await page.fill('input[name="email"]', who.email);
  await page.fill('input[name="password"]', who.password);
  await Promise.all([page.waitForURL(`${base}/complaints`), page.click('button[type="submit"]')]);
}

interface Loop {
  s: TestServer;
  mail: MailpitServer;
  admin: Page;
  bea: Page;
  /** Messages of every `alert()` any page opened: must stay empty. */
  dialogs: string[];
}

/** The product with a real SMTP server, and two agents' browsers (separate cookie jars). */
async function withTwoAgents(fn: (l: Loop) => Promise<void>): Promise<void> {
  const mail = await startMailpit();
  let s: TestServer | null = null;
  let browser: Browser | null = null;
  try {
    s = await startServer({ SMTP_URL: mail.smtpUrl, SUPPORT_FROM: SUPPORT }, {
      realAnalyzer: true,
    });
    browser = await launchChromium();
    const dialogs: string[] = [];
    const open = async (ctx: BrowserContext) => {
      const page = await ctx.newPage();
      page.on("dialog", (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      return page;
    };
    const admin = await open(await browser.newContext());
    const bea = await open(await browser.newContext());
    await fn({ s, mail, admin, bea, dialogs });
  } finally {
    await browser?.close();
    await s?.close();
    await mail.stop();
  }
}

/** The admin adds agent B on /agents through the form. */
async function addBea(l: Loop): Promise<void> {
  await login(l.admin, l.s.base, ADMIN);
  await l.admin.goto(`${l.s.base}/agents`);
  const form = l.admin.locator("form", { has: l.admin.locator('button:text("Add agent")') });
  await form.locator('input[name="email"]').fill(B.email);
  await form.locator('input[name="name"]').fill(B.name);
  await form.locator('input[name="team"]').fill("logistics");
  await form.locator('input[name="password"]').fill(B.password);
  await form.locator('button[type="submit"]').click();
  await l.admin.locator(".result.ok").waitFor();
  assert.ok(
    (await l.admin.locator("table.agents").textContent())?.includes(B.name),
    "B listed by her name, as text",
  );
}

Deno.test({
  name:
    "two agents in browsers: admin adds B; B takes, replies (threaded mail reaches SMTP), the customer's answer joins, B resolves, the admin sees it",
  ignore: skip,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: () =>
    withTwoAgents(async (l) => {
      const { s, mail, admin, bea } = l;
      const subject = "Order ZE-2026-000417 arrived with a cracked screen";
      const customerMessageId = `<${crypto.randomUUID()}@example.net>`;
      await ingest(s, [
        `From: Dana Whitfield <${CUSTOMER}>`,
        "To: support@shop.example",
        `Subject: ${subject}`,
        `Message-ID: ${customerMessageId}`,
        "Date: Mon, 02 Mar 2026 09:15:00 +0000",
        "Content-Type: text/plain; charset=utf-8",
        "",
        "The monitor from order ZE-2026-000417 arrived with a cracked screen. Please replace it.",
      ]);
      await addBea(l);

      // B signs in, finds the complaint and takes it.
      await login(bea, s.base, B);
      await Promise.all([
        bea.waitForURL(/\/complaints\/[^/]+$/),
        bea.getByRole("link", { name: subject }).click(),
      ]);
      const id = decodeURIComponent(new URL(bea.url()).pathname.split("/").at(-1)!);
      await Promise.all([
        bea.waitForLoadState("load"),
        bea.getByRole("button", { name: "Take it" }).click(),
      ]);
      assert.equal(await bea.locator(".assigned-to strong").textContent(), B.name);
      assert.equal((await s.ctx.store.getComplaint(id))!.assignee, B.email);

      // B answers the customer from the reply box.
      const answer = "Sorry about the screen, Dana. A replacement is on its way.";
      await bea.fill(".reply-box textarea", answer);
      await bea.locator(".reply-box button[type=submit]").click();
      await bea.locator(".reply-box .result.ok", { hasText: "Reply sent." }).waitFor();

      const [sent] = await mail.waitFor(1);
      const stored = (await s.ctx.store.getComplaint(id))!;
      const ours = stored.messages.find((m) => m.direction === "outbound")!;
      assert.equal(
        sent.MessageID,
        ours.messageId,
        "the Message-ID we stored is the one sent",
      );
      assert.deepEqual(sent.To.map((t) => t.Address), [CUSTOMER]);
      assert.equal(sent.From.Address, SUPPORT);
      assert.ok(sent.Subject.includes(`[#${stored.ref}]`), sent.Subject);
      const headers = await mail.headers(sent.ID);
      assert.deepEqual(headers["In-Reply-To"], [customerMessageId]);
      assert.ok(headers["References"][0].includes(customerMessageId));
      assert.equal(stored.status, "waiting");
      assert.ok((await mail.message(sent.ID) as { Text: string }).Text.includes(answer));

      // The customer answers our mail; threading joins it to the same complaint.
      await ingest(s, [
        `From: Dana Whitfield <${CUSTOMER}>`,
        "To: support@shop.example",
        `Subject: Re: ${sent.Subject}`,
        `Message-ID: <${crypto.randomUUID()}@example.net>`,
        `In-Reply-To: <${ours.messageId}>`,
        `References: ${customerMessageId} <${ours.messageId}>`,
        "Date: Mon, 02 Mar 2026 11:00:00 +0000",
        "Content-Type: text/plain; charset=utf-8",
        "",
        "Thank you! The replacement arrived and works.",
      ]);
      await bea.reload();
      assert.equal(await bea.locator("dd.status").textContent(), "In progress");
      assert.match(
        await bea.locator(".card", { hasText: "Thread" }).last().textContent() ?? "",
        /replacement arrived and works/,
      );
      assert.equal(
        (await s.ctx.store.listComplaints({ page: 1, limit: 10 })).total,
        1,
        "no new complaint",
      );

      // B resolves it; the admin, in another browser, sees it resolved and by whom.
      await bea.selectOption(".actions-form select[name=status]", "resolved");
      await bea.click(".actions-form button[type=submit]");
      await bea.locator(".actions-form ~ .result.ok, .result.ok").first().waitFor();
      await admin.goto(`${s.base}/complaints/${encodeURIComponent(id)}`);
      assert.equal(await admin.locator("dd.status").textContent(), "Resolved");
      const history = await admin.locator("ol.history").textContent() ?? "";
      assert.ok(history.includes(B.email) || history.includes(B.name), history);
      assert.deepEqual(l.dialogs, [], "no hostile name ran as script");
    }),
});

Deno.test({
  name: "a password reset by the admin logs B out of her open session at once",
  ignore: skip,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: () =>
    withTwoAgents(async (l) => {
      const { s, admin, bea } = l;
      await addBea(l);
      await login(bea, s.base, B);
      await bea.goto(`${s.base}/account`);
      assert.equal(new URL(bea.url()).pathname, "/account", "B is signed in");

      const row = admin.locator("tr", { hasText: B.email });
      await row.locator('input[name="password"]').fill("a brand new password 2");
      await row.getByRole("button", { name: "Reset password" }).click();
      await admin.locator(".result.ok").waitFor();

      await bea.goto(`${s.base}/complaints`);
      assert.equal(new URL(bea.url()).pathname, "/login", "B's open session no longer works");
      await bea.fill('input[name="email"]', B.email);
      await bea.fill('input[name="password"]', B.password);
      await bea.click('button[type="submit"]');
      await bea.locator(".error, [role=alert]").first().waitFor();
      assert.equal(new URL(bea.url()).pathname, "/login", "the old password is refused");
      assert.deepEqual(l.dialogs, []);
    }),
});
