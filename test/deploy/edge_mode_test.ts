import assert from "node:assert/strict";
import { startFakeTelegram } from "../fakes/telegram.ts";
import { startFerret } from "../harness/ferretdb.ts";
import { startRedis } from "../harness/redis.ts";
import { findBinary, skipUnless } from "../harness/require.ts";
import { startS3rver } from "../harness/s3rver.ts";
import { startUpstashShim } from "../harness/upstash_shim.ts";
import { sampleEmail } from "../support/app.ts";
import { emailWithAttachments } from "../support/mail_builder.ts";
import { buildPdf } from "../support/fixtures/pdf.ts";
import { encodeGreyPng } from "../support/fixtures/images.ts";
import { type ProductServer, startProduct } from "../resilience/product_server.ts";
import { buildIslands } from "../../tools/build.ts";
import { until } from "../support/wait.ts";
import { Browser } from "../e2e/web_server.ts";

const INGEST_TOKEN = "edge-ingest-token-0123456789abcdef";
const API_TOKEN = "edge-api-token-0123456789abcdefgh";
const ADMIN = { email: "admin@example.com", password: "edge admin password" };

/** What an edge runtime grants: network, environment and reading its own files — no more. */
const EDGE_PERMISSIONS = ["--allow-net", "--allow-env", "--allow-read"];

Deno.test({
  name:
    "edge mode: with MongoDB, S3 and Upstash the product, and each Supabase function alone, run with --allow-net --allow-env --allow-read only; ingest → complaint → alert, pages and islands work",
  ignore: skipUnless("ferretdb", !!findBinary("ferretdb")) ||
    skipUnless("redis-server", !!findBinary("redis-server")),
  fn: async () => {
    await buildIslands(); // `deno task build`: the islands are bundled ahead of time
    const ferret = await startFerret();
    const s3 = await startS3rver("edge");
    const redis = await startRedis();
    const upstash = await startUpstashShim(redis.port, "edge-upstash");
    const telegram = await startFakeTelegram();
    let server: ProductServer | null = null;
    const functions: ProductServer[] = [];
    try {
      const env = {
        MONGODB_URI: ferret.uri,
        MONGODB_DB: "edge",
        S3_BUCKET: s3.bucket,
        S3_ENDPOINT: s3.endpoint,
        S3_REGION: s3.region,
        AWS_ACCESS_KEY_ID: s3.accessKeyId,
        AWS_SECRET_ACCESS_KEY: s3.secretAccessKey,
        UPSTASH_REDIS_REST_URL: upstash.url,
        UPSTASH_REDIS_REST_TOKEN: upstash.token,
        TELEGRAM_BOT_TOKEN: telegram.token,
        TELEGRAM_CHAT_ID: "-100edge",
        TELEGRAM_API_ROOT: telegram.apiRoot,
        TELEGRAM_MIN_PRIORITY: "low",
        INGEST_TOKEN,
        API_TOKEN,
        ADMIN_EMAIL: ADMIN.email,
        ADMIN_PASSWORD: ADMIN.password,
        LOG_LEVEL: "info",
      };
      server = await startProduct(env, 60_000, EDGE_PERMISSIONS);
      const base = server.url;

      const res = await fetch(`${base}/functions/v1/ingest`, {
        method: "POST",
        headers: { authorization: `Bearer ${INGEST_TOKEN}`, "content-type": "message/rfc822" },
        body: emailWithAttachments({
          messageId: "edge-1",
          subject: "My order ORD-12345 has not arrived",
          body: "Hello, I paid $49.99 for order ORD-12345 and it still has not been delivered.",
          attachments: [{
            filename: "invoice.pdf",
            contentType: "application/pdf",
            bytes: buildPdf([{ lines: ["Invoice INV-5521 for order ORD-12345"] }]),
          }, {
            filename: "photo.png",
            contentType: "image/png",
            bytes: encodeGreyPng({ width: 8, height: 8, data: new Uint8Array(64).fill(200) }),
          }],
        }),
      });
      const body = await res.json();
      assert.equal(res.status, 201, JSON.stringify(body) + server.output());
      const api = (path: string) =>
        fetch(`${base}/functions/v1/api${path}`, {
          headers: { authorization: `Bearer ${API_TOKEN}` },
        });
      const complaint = await (await api(`/complaints/${body.id}`)).json();
      assert.equal(complaint.processing.state, "done", JSON.stringify(complaint.processing));
      assert.deepEqual(complaint.entities.orderNumbers, ["ORD-12345"]);
      // Extraction runs in the worker pool without writing anything; OCR says what it lacks.
      const [pdf, png] = complaint.attachments;
      assert.equal(pdf.extraction.status, "done", JSON.stringify(pdf.extraction));
      assert.match(pdf.extractedText, /INV-5521/);
      assert.equal(png.extraction.status, "done", JSON.stringify(png.extraction));
      assert.match(png.extraction.reason, /English only/);
      await until(
        () => telegram.calls.some((c) => c.method === "sendMessage"),
        10_000,
        "the alert",
      );
      // Metrics read nothing the permissions refuse (no /proc, no process info).
      const metrics = await fetch(`${base}/metrics`, {
        headers: { authorization: `Bearer ${API_TOKEN}` },
      });
      assert.equal(metrics.status, 200);
      assert.match(await metrics.text(), /inbox_ingest_total\{result="created"\} 1/);

      // The dashboard: an agent signs in and gets a page with islands, from the saved bundle
      // (esbuild cannot run without --allow-run).
      const browser = new Browser(base);
      const signedIn = await browser.login(ADMIN.email, ADMIN.password);
      assert.equal(signedIn.status, 303, await signedIn.text());
      const page = await browser.text(`/complaints/${body.id}`);
      assert.ok(page.includes('data-island="ReplyBox"'));
      const script = page.match(/src="(\/_islands\/main-[0-9a-f]+\.js)"/)?.[1];
      assert.ok(script, "the page loads the islands bundle");
      const js = await fetch(`${base}${script}`);
      assert.equal(js.status, 200);
      assert.equal(js.headers.get("content-type"), "text/javascript; charset=utf-8");
      await js.body?.cancel();
      const log = server.output();
      assert.ok(!/PermissionDenied|NotCapable|islands_bundle/.test(log), log);
      await server.stop();
      server = null;

      // The Supabase layout: each function alone, the same permissions, the same store.
      for (const name of ["ingest", "api"]) {
        functions.push(
          await startProduct(env, 60_000, EDGE_PERMISSIONS, `supabase/functions/${name}/index.ts`),
        );
      }
      const [ingestFn, apiFn] = functions;
      const posted = await fetch(`${ingestFn.url}/ingest`, {
        method: "POST",
        headers: { authorization: `Bearer ${INGEST_TOKEN}`, "content-type": "message/rfc822" },
        body: sampleEmail({ messageId: "edge-supabase-1", subject: "Refund for ORD-777" }),
      });
      const created = await posted.json();
      assert.equal(posted.status, 201, JSON.stringify(created) + ingestFn.output());
      const read = await fetch(`${apiFn.url}/api/complaints/${created.id}`, {
        headers: { authorization: `Bearer ${API_TOKEN}` },
      });
      assert.equal(read.status, 200, apiFn.output());
      assert.equal((await read.json()).subject, "Refund for ORD-777");
      for (const fn of functions) {
        assert.ok(!/PermissionDenied|NotCapable/.test(fn.output()), fn.output());
      }
    } finally {
      await server?.stop();
      for (const fn of functions) await fn.stop();
      await telegram.stop();
      await upstash.stop();
      await redis.stop();
      await s3.stop();
      await ferret.stop();
    }
  },
});
