import assert from "node:assert/strict";
import { launchChromium, skipWithoutChromium } from "../harness/chromium.ts";
import { withTestApp } from "../support/app.ts";
import { API_ROUTES } from "../../functions/api/openapi.ts";

Deno.test({
  name: "in a browser, /functions/v1/api/docs renders every documented operation, without a CDN",
  ignore: skipWithoutChromium,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: () =>
    withTestApp(async (app) => {
      const browser = await launchChromium();
      try {
        const page = await browser.newPage();
        const errors: string[] = [];
        const foreign: string[] = [];
        page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
        page.on("request", (r) => !r.url().startsWith(app.url) && foreign.push(r.url()));
        await page.goto(`${app.url}/functions/v1/api/docs`);
        await page.locator(".opblock").first().waitFor({ timeout: 15_000 });
        assert.equal(await page.locator(".opblock").count(), API_ROUTES.length);
        assert.deepEqual(errors, []);
        assert.deepEqual(foreign, [], "everything comes from this host");
      } finally {
        await browser.close();
      }
    }),
});
